package io.rollcall.health;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Service;

/** Runs every dependency check in parallel, each bounded in time, and records the outcome in system_health. */
@Service
public class HealthService {

    /** A dependency slower than this is DEGRADED; one that has not answered after TIMEOUT is DOWN. */
    static final Duration SLOW = Duration.ofMillis(1500);
    static final Duration TIMEOUT = Duration.ofSeconds(4);

    private final List<HealthCheck> checks;
    private final SystemHealthRepository repository;

    public HealthService(List<HealthCheck> checks, SystemHealthRepository repository) {
        this.checks = checks;
        this.repository = repository;
    }

    private volatile HealthReport latest;

    /**
     * The latest report if it is younger than {@code maxAge}, else a fresh one: what a public, unauthenticated
     * probe gets, so a stranger's request loop cannot make every dependency work for it.
     */
    public HealthReport recent(Duration maxAge) {
        HealthReport report = latest;
        if (report == null || report.checkedAt().isBefore(Instant.now().minus(maxAge))) {
            report = check();
        }
        return report;
    }

    public HealthReport check() {
        ExecutorService pool = Executors.newFixedThreadPool(checks.size(), r -> {
            Thread t = new Thread(r, "health-check");
            t.setDaemon(true); // a hung dependency must not keep the function alive
            return t;
        });
        try {
            List<Future<DependencyHealth>> running = new ArrayList<>();
            for (HealthCheck check : checks) {
                running.add(pool.submit(() -> run(check)));
            }
            List<DependencyHealth> results = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                results.add(await(checks.get(i).name(), running.get(i)));
            }
            HealthStatus overall = results.stream().map(DependencyHealth::status)
                    .reduce(HealthStatus.UP, HealthStatus::worst);
            HealthReport report = new HealthReport(overall, results, cpuUsagePercent(), memoryUsagePercent(), Instant.now());
            latest = report;
            return report;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Checks and writes one system_health row per dependency plus one for the whole system. */
    public HealthReport checkAndRecord(String serviceName) {
        HealthReport report = check();
        repository.record(serviceName, report);
        return report;
    }

    private static DependencyHealth run(HealthCheck check) {
        long start = System.nanoTime();
        try {
            String detail = check.check();
            long millis = (System.nanoTime() - start) / 1_000_000;
            HealthStatus status = millis > SLOW.toMillis() ? HealthStatus.DEGRADED : HealthStatus.UP;
            return new DependencyHealth(check.name(), status, millis, detail);
        } catch (HealthCheck.Degraded e) {
            return new DependencyHealth(check.name(), HealthStatus.DEGRADED, (System.nanoTime() - start) / 1_000_000, e.getMessage());
        } catch (Exception e) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new DependencyHealth(check.name(), HealthStatus.DOWN, millis, describe(e));
        }
    }

    private static DependencyHealth await(String name, Future<DependencyHealth> result) {
        try {
            return result.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return new DependencyHealth(name, HealthStatus.DOWN, TIMEOUT.toMillis(), "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DependencyHealth(name, HealthStatus.DOWN, 0, "interrupted");
        } catch (ExecutionException e) {
            return new DependencyHealth(name, HealthStatus.DOWN, 0, describe(e.getCause()));
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }

    private static double cpuUsagePercent() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            double load = sun.getProcessCpuLoad();
            return load < 0 ? 0 : round(load * 100);
        }
        return 0;
    }

    private static double memoryUsagePercent() {
        Runtime rt = Runtime.getRuntime();
        return round(100.0 * (rt.totalMemory() - rt.freeMemory()) / rt.maxMemory());
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
