package io.rollcall.faults;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A mixed load on the local runtime for a fixed time: staff reading today's view, the events and the audit log,
 * an ADMIN creating cameras, a camera posting real frames, and sightings on the attendance queue; latency and
 * errors per minute, and the heap after a full GC every 30 s (the runtime runs in this JVM, so this is its heap,
 * the load generator's small share included). Bounded: it stops by itself after the given duration.
 */
final class MixedLoad {

    record Minute(int minute, long requests, long errors, long p50, long p99, long max) {
    }

    record HeapSample(long second, long usedMiB) {
    }

    record Result(Duration duration, long requests, long errors, long p50, long p99, Map<String, long[]> perKind,
                  List<Minute> minutes, List<HeapSample> heap) {
    }

    private final Traffic traffic;
    private final String token;
    private final String cameraKey;
    private final byte[] frame;
    private final List<UUID> people;
    private final UUID org;
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final List<long[]> samples = new CopyOnWriteArrayList<>(); // {second, micros, error}

    MixedLoad(Traffic traffic, String token, String cameraKey, byte[] frame, List<UUID> people, UUID org) {
        this.traffic = traffic;
        this.token = token;
        this.cameraKey = cameraKey;
        this.frame = frame;
        this.people = people;
        this.org = org;
    }

    Result run(Duration duration) throws InterruptedException {
        Instant start = Instant.now();
        Instant end = start.plus(duration);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        String[] reads = {"/attendance/today", "/events?limit=20", "/audit-logs?limit=20", "/users?page=0&size=20"};
        for (int w = 0; w < 3; w++) {
            int worker = w;
            threads.add(thread(running, n -> {
                if (n % 10 == 9) {
                    time(start, "POST /cameras", () -> traffic.json("POST", "/cameras", token,
                            Map.of("name", "load-" + worker + "-" + n, "direction", "ENTRY")));
                } else {
                    String path = reads[(n + worker) % reads.length];
                    time(start, "GET " + path.substring(0, path.indexOf('?') < 0 ? path.length() : path.indexOf('?')),
                            () -> traffic.json("GET", path, token, null));
                }
                Traffic.sleep(50);
            }));
        }
        threads.add(thread(running, n -> {
            time(start, "POST /camera/frames", () -> traffic.send("POST", "/camera/frames", null, "image/jpeg", frame, Map.of("x-camera-key", cameraKey)));
            Traffic.sleep(2000);
        }));
        threads.add(thread(running, n -> {
            time(start, "POST /attendance/events", () -> traffic.json("POST", "/attendance/events", token,
                    Map.of("events", List.of(Map.of("eventId", UUID.randomUUID().toString(), "userId", people.get(n % people.size()).toString(),
                            "time", Instant.now().toString())))));
            Traffic.sleep(500);
        }));
        List<HeapSample> heap = new ArrayList<>();
        while (Instant.now().isBefore(end)) {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            heap.add(new HeapSample(Duration.between(start, Instant.now()).toSeconds(), used >> 20));
            Thread.sleep(Math.min(30_000, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
        }
        running.set(false);
        for (Thread t : threads) {
            t.join(120_000);
        }
        System.gc();
        heap.add(new HeapSample(Duration.between(start, Instant.now()).toSeconds(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20));

        List<Minute> minutes = new ArrayList<>();
        int lastMinute = (int) (duration.toSeconds() / 60);
        for (int m = 0; m <= lastMinute; m++) {
            int minute = m;
            long[] micros = samples.stream().filter(s -> s[0] / 60 == minute).mapToLong(s -> s[1]).sorted().toArray();
            long errors = samples.stream().filter(s -> s[0] / 60 == minute && s[2] == 1).count();
            if (micros.length > 0) {
                minutes.add(new Minute(m + 1, micros.length, errors, pct(micros, 50), pct(micros, 99), micros[micros.length - 1]));
            }
        }
        long[] all = samples.stream().mapToLong(s -> s[1]).sorted().toArray();
        long errors = samples.stream().filter(s -> s[2] == 1).count();
        Map<String, long[]> perKind = new java.util.TreeMap<>();
        latencies.forEach((kind, list) -> {
            long[] sorted = list.stream().mapToLong(Long::longValue).map(Math::abs).sorted().toArray();
            long kindErrors = list.stream().filter(v -> v < 0).count();
            perKind.put(kind, new long[] {sorted.length, kindErrors, pct(sorted, 50), pct(sorted, 99)});
        });
        return new Result(duration, all.length, errors, pct(all, 50), pct(all, 99), perKind, minutes, heap);
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    private void time(Instant start, String kind, java.util.function.Supplier<Traffic.Answer> call) {
        long t0 = System.nanoTime();
        Traffic.Answer answer = call.get();
        long micros = (System.nanoTime() - t0) / 1000;
        // 4xx are the client's; a 5xx or no answer is an error
        boolean error = answer.status() < 0 || answer.status() >= 500;
        samples.add(new long[] {Duration.between(start, Instant.now()).toSeconds(), micros, error ? 1 : 0});
        latencies.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(error ? -Math.max(1, micros) : micros);
    }

    interface Step {
        void run(int n);
    }

    private static Thread thread(AtomicBoolean running, Step step) {
        Thread t = new Thread(() -> {
            int n = 0;
            while (running.get()) {
                try {
                    step.run(n++);
                } catch (RuntimeException e) {
                    // counted by time(); keep the load going
                }
            }
        }, "mixed-load");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static String describe(long[] heap) {
        return Arrays.toString(heap);
    }
}
