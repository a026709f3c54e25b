package io.rollcall.bench.faiss;

import io.rollcall.bench.BenchReport;
import io.rollcall.faces.gallery.SnapshotStore;
import io.rollcall.faces.index.FaissIndex;
import io.rollcall.faces.index.IndexSpec;
import io.rollcall.testing.TestEnvironment;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a new instance pays to load an organization's index snapshot from the local S3, streamed
 * ({@code SnapshotStore.open} + {@code FaissIndex.readFrom(InputStream)}) against the way before (the same ranged
 * parallel download into a spool file, then {@code readFrom(Path)}). Each load runs in a JVM of its own, as in a new
 * Lambda instance, after one warm-up load of a one-vector snapshot (the client, the emulator and the classes warm;
 * the index's memory still the process's first touch); the two ways alternate, three times each. The index is
 * 16-bit HNSW32 (AUTO's kind from 50,000 faces) built with a narrow beam
 * on random vectors: the load depends on the structures' sizes, not on the graph's quality.
 *
 * <p>Run: {@code java -cp ... io.rollcall.bench.faiss.SnapshotLoadBenchmark [sizes, default 100000,1000000]}
 */
public final class SnapshotLoadBenchmark {

    private static final int D = 512;
    private static final int ROUNDS = 3;

    private SnapshotLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--child")) {
            child(Path.of(args[1]), args[2]);
            System.exit(0); // the embedded emulators' threads would keep the child alive
        }
        String given = args.length > 0 ? args[0] : "100000,1000000";
        int[] sizes = Arrays.stream(given.split(",")).mapToInt(Integer::parseInt).toArray();
        StringBuilder rows = new StringBuilder();
        for (int n : sizes) {
            Path file = Files.createTempFile("snapshot-load", ".faiss");
            try {
                long t0 = System.nanoTime();
                build(n, file);
                System.out.printf("built %,d vectors in %.0f s%n", n, (System.nanoTime() - t0) / 1e9);
                List<Double> streamed = new ArrayList<>();
                List<Double> spooled = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    // alternate which way goes first, so that neither always meets a page cache warmed by the other
                    for (String way : round % 2 == 0 ? List.of("streamed", "file") : List.of("file", "streamed")) {
                        double s = runChild(file, way);
                        (way.equals("streamed") ? streamed : spooled).add(s);
                    }
                }
                double streamedMedian = median(streamed);
                double fileMedian = median(spooled);
                rows.append(String.format(Locale.ROOT, "| %,d | %,.0f | %s | %s | **%.2f** | **%.2f** | %.2f× |%n", n,
                        Files.size(file) / 1048576.0, list(spooled), list(streamed), fileMedian, streamedMedian,
                        streamedMedian / fileMedian));
            } finally {
                Files.deleteIfExists(file);
            }
        }
        BenchReport.write("snapshot-load", """
                ## Loading an index snapshot from the local S3 (`io.rollcall.bench.faiss.SnapshotLoadBenchmark`, issue 15)

                What a new instance pays before its first search. **file** (the baseline, the way before 2026-12-03): ranged
                GETs, 4 in parallel, written into a spool file, then `FaissIndex.readFrom(Path)` (a CRC32 pass, then FAISS
                read_index from the file). **streamed** (the default since): `SnapshotStore.open`, the same ranged GETs, each part
                checked against the CRC32 the writer put in the object's metadata, read by `FaissIndex.readFrom(InputStream)`:
                FAISS read_index parses the parts as they arrive, straight into the index's memory, no file. Parts are a 32nd of
                the object, 4 to 32 MiB, in both ways. Each load in a new JVM, after one load of a one-vector snapshot the same
                way (so the S3 client, the emulator and the classes are warm, as in an instance that has served a request, and
                the memory the index touches is the process's first), the ways alternating, %d times each; the embedded S3
                emulator (S3Proxy, local disk) runs in that JVM, so this is the floor of what S3 costs. Index:
                `IDMap2,HNSW32,SQfp16` (AUTO's kind from 50,000 faces), random 512-d vectors.

                | vectors | snapshot MiB | file: load s, each run | streamed: load s, each run | file, median | streamed, median | streamed / file |
                |---:|---:|---|---|---:|---:|---:|
                %s""".formatted(ROUNDS, rows));
        System.exit(0);
    }

    private static void build(int n, Path file) {
        IndexSpec auto = IndexSpec.hnsw(D).withStorage(IndexSpec.Storage.FP16);
        IndexSpec spec = new IndexSpec(D, auto.kind(), auto.storage(), auto.hnswM(), 8, auto.efSearch());
        try (FaissIndex index = FaissIndex.create(spec)) {
            SplittableRandom random = new SplittableRandom(15);
            int batch = 50_000;
            for (int start = 0; start < n; start += batch) {
                int count = Math.min(batch, n - start);
                float[] vectors = new float[count * D];
                long[] ids = new long[count];
                for (int i = 0; i < count; i++) {
                    ids[i] = start + i;
                    double norm = 0;
                    for (int j = 0; j < D; j++) {
                        float v = (float) random.nextGaussian();
                        vectors[i * D + j] = v;
                        norm += v * v;
                    }
                    for (int j = 0; j < D; j++) {
                        vectors[i * D + j] /= (float) Math.sqrt(norm);
                    }
                }
                index.add(ids, vectors);
            }
            index.writeTo(file);
        }
    }

    private static double runChild(Path file, String way) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-Drollcall.root=" + System.getProperty("rollcall.root", System.getProperty("user.dir")),
                "-cp", System.getProperty("java.class.path"), SnapshotLoadBenchmark.class.getName(), "--child",
                file.toString(), way);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Double seconds = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("LOAD\t")) {
                    seconds = Double.parseDouble(line.split("\t")[2]);
                    System.out.println(line);
                }
            }
        }
        if (process.waitFor() != 0 || seconds == null) {
            throw new IllegalStateException("the " + way + " child failed (exit " + process.exitValue() + ")");
        }
        return seconds;
    }

    /** In its own JVM: upload the snapshot to the embedded S3, then load it one way, timed. */
    private static void child(Path file, String way) throws Exception {
        TestEnvironment env = TestEnvironment.install();
        try (S3Client s3 = env.s3()) {
            SnapshotStore store = new SnapshotStore(s3, TestEnvironment.BUCKET);
            String key = store.put(UUID.randomUUID(), 1, file);
            warmUp(store, way);
            long t0 = System.nanoTime();
            long size = load(store, key, way);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.println(String.format(Locale.ROOT, "LOAD\t%s\t%.3f\t%d", way, seconds, size));
            store.destroy();
        }
    }

    /**
     * One load of a one-vector snapshot the same way first: the S3 client's and the embedded emulator's first GET,
     * the classes and the JNI entry are then warm, as in an instance that has served a request (or a SnapStart
     * restore primed with one); what stays cold is the memory the large index touches for the first time.
     */
    private static void warmUp(SnapshotStore store, String way) throws Exception {
        Path tiny = Files.createTempFile("snapshot-load-tiny", ".faiss");
        try (FaissIndex one = FaissIndex.create(IndexSpec.hnsw(D).withStorage(IndexSpec.Storage.FP16))) {
            one.add(new long[] {1}, new float[D]);
            one.writeTo(tiny);
            load(store, store.put(UUID.randomUUID(), 1, tiny), way);
        } finally {
            Files.deleteIfExists(tiny);
        }
    }

    /** Loads the snapshot one way; its number of vectors. */
    private static long load(SnapshotStore store, String key, String way) throws Exception {
        if (way.equals("streamed")) {
            try (InputStream in = store.open(key).orElseThrow(); FaissIndex index = FaissIndex.readFrom(in)) {
                return index.size();
            }
        }
        Path spool = Files.createTempFile("snapshot-load-spool", ".faiss");
        try {
            try (InputStream in = store.open(key).orElseThrow()) {
                Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FaissIndex index = FaissIndex.readFrom(spool)) {
                return index.size();
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String list(List<Double> values) {
        return String.join(" / ", values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
    }
}
