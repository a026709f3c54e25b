package io.rollcall.bench.timesheets;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.rollcall.audit.Actor;
import io.rollcall.bench.BenchReport;
import io.rollcall.functions.RollCallFunctions;
import io.rollcall.testing.TestEnvironment;
import io.rollcall.timesheets.ExportTimesheets;
import io.rollcall.timesheets.PayrollSheet;
import io.rollcall.timesheets.Timesheets;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payroll export of an approved period: 10,000 people (the target, at most 10 s) and 100,000 (to
 * show that memory does not grow with the file), CSV and XLSX, each written through the real path - rows
 * streamed from Postgres, the writer, the multipart upload to the S3 emulator, the presigned link. Baseline in
 * the same run: streaming the same rows out of Postgres and doing nothing with them.
 */
public final class TimesheetBenchmark {

    static final LocalDate NOVEMBER = LocalDate.of(2026, 11, 10);
    static final int RUNS = 3;

    /** One measured path: median seconds, the file's bytes, the heap peak. */
    record Measure(double seconds, long bytes, long peakHeapMib) {
    }

    public static void main(String[] args) throws Exception {
        TestEnvironment.install();
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RollCallFunctions.class).run()) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            ExportTimesheets exports = ctx.getBean(ExportTimesheets.class);
            Timesheets timesheets = ctx.getBean(Timesheets.class);
            TransactionTemplate tx = ctx.getBean(TransactionTemplate.class);
            StringBuilder md = new StringBuilder("""
                    Embedded S3 emulator (S3Proxy on the local filesystem) and local Postgres; one thread; warm-up run
                    discarded; median of %d runs. Every export goes to the bucket (inline limit 0) through
                    `S3UploadStream` (8 MiB parts) and comes back as a presigned link. Peak heap: the highest heap in
                    use sampled every 5 ms during the run, less the heap in use after a GC before it (garbage included,
                    so an upper bound of what the export holds).

                    | people | path | seconds (median) | vs baseline | file | peak heap |
                    |---|---|---|---|---|---|
                    """.formatted(RUNS));
            java.util.Map<String, Measure> results = new java.util.LinkedHashMap<>();
            for (int people : new int[] {10_000, 100_000}) {
                UUID org = organization(jdbc, people);
                Actor actor = Actor.system(org);
                Measure baseline = measure(() -> {
                    long[] rows = {0};
                    tx.executeWithoutResult(s -> timesheets.forEachApproved(org, LocalDate.of(2026, 11, 1), r -> rows[0]++));
                    if (rows[0] != people) {
                        throw new IllegalStateException(rows[0] + " rows, not " + people);
                    }
                    return 0L;
                });
                md.append(row(people, "baseline: the rows streamed out of Postgres, nothing written", baseline, baseline));
                for (PayrollSheet.Format format : PayrollSheet.Format.values()) {
                    Measure m = measure(() -> {
                        ExportTimesheets.Export e = exports.export(actor, NOVEMBER, format, 0);
                        if (!(e instanceof ExportTimesheets.Export.Stored stored) || stored.rows() != people) {
                            throw new IllegalStateException("not a stored export of " + people + " rows: " + e);
                        }
                        return stored.bytes();
                    });
                    md.append(row(people, format + " export to the bucket, presigned", m, baseline));
                    results.put(format + "/" + people, m);
                }
            }
            md.append("\nThe issue's target: a period export of 10,000 people in at most 10 s, streamed. Measured: ");
            for (PayrollSheet.Format format : PayrollSheet.Format.values()) {
                Measure small = results.get(format + "/10000");
                Measure large = results.get(format + "/100000");
                md.append("%s %.2f s for 10,000 (%s); ten times the people make a %.1fx larger file and a %.1fx heap peak. "
                        .formatted(format, small.seconds(), small.seconds() <= 10 ? "within the target" : "OVER the target",
                                (double) large.bytes() / small.bytes(), (double) Math.max(1, large.peakHeapMib()) / Math.max(1, small.peakHeapMib())));
            }
            md.append("""
                    What an export holds is a batch of rows (fetch size 500), the writer's buffer (XLSX flushes every
                    500 rows) and at most one 8 MiB part of the upload, not the file; the sampled peak also counts the
                    garbage the young generation has not collected yet, which grows with the rows read (the baseline's
                    peak grows too), so it bounds what an export holds from above rather than measuring it.
                    """);
            BenchReport.write("timesheets", md.toString());
        }
        System.exit(0);
    }

    static String row(int people, String path, Measure m, Measure baseline) {
        return "| %,d | %s | %.2f | %s | %s | %d MiB |\n".formatted(people, path, m.seconds(),
                m == baseline ? "1.00x" : "%.1fx".formatted(m.seconds() / baseline.seconds()),
                m.bytes() == 0 ? "-" : "%.1f MiB".formatted(m.bytes() / 1048576.0), m.peakHeapMib());
    }

    static Measure measure(Supplier<Long> run) throws InterruptedException {
        run.get(); // warm-up
        List<Double> seconds = new ArrayList<>();
        long bytes = 0;
        long peak = 0;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < RUNS; i++) {
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            AtomicLong max = new AtomicLong(before);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime();
            bytes = run.get();
            seconds.add((System.nanoTime() - start) / 1e9);
            sampler.interrupt();
            sampler.join();
            peak = Math.max(peak, (max.get() - before) / 1048576);
        }
        Collections.sort(seconds);
        return new Measure(seconds.get(RUNS / 2), bytes, peak);
    }

    /** An organization of {@code people} with November 2026 approved for all of them (benchmark data, in SQL). */
    static UUID organization(JdbcTemplate jdbc, int people) {
        UUID org = UUID.randomUUID();
        jdbc.update("INSERT INTO organizations (id, name, legal_name, code) VALUES (?, 'Bench', 'Bench Ltd', ?)", org, "bench-" + org);
        jdbc.update("""
                INSERT INTO users (id, organization_id, username, password_hash, role_id, created_at)
                SELECT gen_random_uuid(), ?, 'bench-' || ? || '-' || lpad(i::text, 6, '0'), 'x', 3, '2025-01-01T00:00:00Z'
                FROM generate_series(1, ?) i""", org, org.toString().substring(0, 8), people);
        jdbc.update("""
                INSERT INTO user_profiles (user_id, full_name, employee_code, department)
                SELECT id, 'Person ' || substr(username, length(username) - 5), 'E' || substr(username, length(username) - 5),
                       'Department ' || (abs(hashtext(username)::bigint) % 40)
                FROM users WHERE organization_id = ?""", org);
        jdbc.update("""
                INSERT INTO timesheets (organization_id, user_id, period_type, period_start, period_end, state, username,
                    full_name, employee_code, department, regular_minutes, overtime_minutes, leave_minutes, holiday_minutes,
                    holiday_worked_minutes, day_off_worked_minutes, exceptions, approved_at)
                SELECT u.organization_id, u.id, 'MONTHLY', '2026-11-01', '2026-11-30', 'APPROVED', u.username, p.full_name,
                       p.employee_code, p.department, 9000 + abs(hashtext(u.username)::bigint) % 1200,
                       jsonb_build_object('1.5x', abs(hashtext(u.username || 'a')::bigint) % 600, '2x', abs(hashtext(u.username || 'b')::bigint) % 120),
                       CASE WHEN abs(hashtext(u.username)::bigint) % 5 = 0 THEN jsonb_build_object('VAC', 960) ELSE '{}'::jsonb END,
                       480, 0, abs(hashtext(u.username || 'c')::bigint) % 90, '{}'::jsonb, now()
                FROM users u JOIN user_profiles p ON p.user_id = u.id WHERE u.organization_id = ?""", org);
        return org;
    }
}
