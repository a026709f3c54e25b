package io.rollcall.bench.faiss;

import io.rollcall.bench.BenchReport;
import io.rollcall.faces.gallery.SnapshotStore;
import io.rollcall.faces.index.FaissIndex;
import io.rollcall.faces.index.IndexSpec;
import io.rollcall.faces.index.Metric;
import io.rollcall.faces.index.SearchResult;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.rollcall.testing.TestEnvironment;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Index kinds for 100k–1M faces an organization (issue 15): on the worst-case random set and the realistic
 * 16-d-manifold set ({@link EmbeddingSets}), HNSW (M, efConstruction, efSearch), IVF-Flat, IVF with SQ8 or PQ
 * plus exact re-ranking, 8- and 16-bit storage for Flat and HNSW, each on the AVX2 FAISS build, and today's
 * configuration (Flat; HNSW32 efConstruction 40 efSearch 256) on both the generic and the AVX2 build.
 *
 * <p>Only one FAISS build can be loaded in a JVM, so the parent process runs each (set, size, build) in a child
 * JVM ({@code -Drollcall.faiss.simd=...}) and assembles their rows into the "scale" section of docs/benchmarks.md.
 * Arguments (or {@code -Dscale.sizes=}): sizes, comma-separated (default 100000); {@code -Dscale.sets=MANIFOLD,RANDOM}; {@code -Dscale.configs1m=} the label
 * prefixes (separated by ;) of the configurations run at 1M besides the baseline; {@code -Dscale.previous=FILE} keeps
 * the result lines of an earlier run (its log) in the report.
 */
public final class ScaleBench {

    static final int D = EmbeddingSets.D;
    static final int ADD_BATCH = 20_000;
    /** Today's HNSW build at 1M (either FAISS build) is stopped after this long and its rate reported. */
    static final long GENERIC_BUDGET_S = Long.getLong("scale.genericBudgetSeconds", 240);

    /** One index configuration: a factory, build parameters, what to sweep at search time. */
    record Config(String label, String factory, Map<String, Double> build, String sweepName, double[] sweep,
                  boolean baseline) {
        boolean trained() {
            return factory.contains("IVF") || factory.contains("SQ") || factory.contains("PQ");
        }
    }

    static List<Config> configs(int n) {
        int nlist = n >= 1_000_000 ? 4096 : 1024;
        List<Config> c = new ArrayList<>();
        c.add(new Config("today: Flat", "IDMap2,Flat", Map.of(), null, new double[0], true));
        c.add(new Config("today: HNSW32, efC 40", "IDMap2,HNSW32", map("efConstruction", 40), "efSearch",
                new double[] {16, 32, 64, 128, 256}, true));
        c.add(new Config("Flat, 16-bit (SQfp16)", "IDMap2,SQfp16", Map.of(), null, new double[0], false));
        c.add(new Config("Flat, 8-bit (SQ8)", "IDMap2,SQ8", Map.of(), null, new double[0], false));
        c.add(new Config("HNSW32, 8-bit (SQ8), efC 40", "IDMap2,HNSW32,SQ8", map("efConstruction", 40), "efSearch",
                new double[] {32, 64, 128, 256}, false));
        c.add(new Config("HNSW32, 16-bit (SQfp16), efC 40", "IDMap2,HNSW32,SQfp16", map("efConstruction", 40), "efSearch",
                n >= 1_000_000 ? new double[] {32, 64, 128, 256} : new double[] {32, 64, 128}, false));
        c.add(new Config("HNSW16, efC 40", "IDMap2,HNSW16", map("efConstruction", 40), "efSearch",
                new double[] {32, 64, 128}, false));
        c.add(new Config("HNSW32, efC 80", "IDMap2,HNSW32", map("efConstruction", 80), "efSearch",
                new double[] {16, 32, 64, 128}, false));
        c.add(new Config("IVF" + nlist + ",Flat", "IDMap2,IVF" + nlist + ",Flat", Map.of(), "nprobe",
                new double[] {8, 16, 32, 64}, false));
        // compact IVF without a float copy: a quarter of Flat's memory and snapshot, no graph to build (IVF with
        // SQfp16 codes fails to train in FAISS 1.7.3's factory: "Number of training points (1)")
        c.add(new Config("IVF" + nlist + ",SQ8", "IDMap2,IVF" + nlist + ",SQ8", Map.of(), "nprobe",
                new double[] {32, 64, 128}, false));
        c.add(new Config("IVF" + nlist + ",SQ8 + exact re-rank (k_factor 8)", "IDMap2,IVF" + nlist + ",SQ8,RFlat",
                map("k_factor_rf", 8), "nprobe", new double[] {8, 16, 32, 64}, false));
        c.add(new Config("IVF" + nlist + ",PQ64 + exact re-rank (k_factor 16)", "IDMap2,IVF" + nlist + ",PQ64,RFlat",
                map("k_factor_rf", 16), "nprobe", new double[] {8, 16, 32, 64}, false));
        return c;
    }

    private static Map<String, Double> map(String k, double v) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(k, v);
        return m;
    }

    // ---------------------------------------------------------------- parent

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(EmbeddingSets.Kind.valueOf(args[1]), Integer.parseInt(args[2]), args[3]);
            System.exit(0); // the embedded emulators' threads would keep the child alive
            return;
        }
        String[] given = args.length > 0 ? args : System.getProperty("scale.sizes", "100000").split(",");
        int[] sizes = Arrays.stream(given).mapToInt(Integer::parseInt).toArray();
        List<String> sets = List.of(System.getProperty("scale.sets", "MANIFOLD,RANDOM").split(","));
        Report report = new Report();
        // -Dscale.previous=FILE: the ROW/SET/S3 lines of an earlier run (e.g. 100k) to keep beside this run's (1M)
        String previous = System.getProperty("scale.previous");
        if (previous != null) {
            report.add(Files.readAllLines(Path.of(previous)).stream().map(l -> l.replaceFirst("^ +", ""))
                    .filter(l -> l.startsWith("ROW\t") || l.startsWith("SET\t") || l.startsWith("S3\t")).toList());
        }
        for (int n : sizes) {
            for (String set : sets) {
                // -Dscale.simds=avx2: skip the generic build (its rows are the baseline: keep them with scale.previous)
                for (String simd : System.getProperty("scale.simds", "generic,avx2").split(",")) {
                    report.add(runChild(set, n, simd));
                    BenchReport.write("scale", report.markdown()); // after each child: a long run still leaves results
                }
            }
        }
    }

    private static List<String> runChild(String set, int n, String simd) throws Exception {
        // not more: at 1M a 14 GB heap beside the indexes and the snapshot files left the page cache short, and
        // loads read from disk at a quarter of their speed
        String heap = n >= 1_000_000 ? "-Xmx8g" : "-Xmx6g";
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
                "-Drollcall.faiss.simd=" + simd, "-Dscale.configs1m=" + System.getProperty("scale.configs1m", "HNSW32, 16-bit"),
                "-Dscale.genericBudgetSeconds=" + GENERIC_BUDGET_S,
                "-Drollcall.root=" + System.getProperty("rollcall.root", System.getProperty("user.dir")),
                "-cp", System.getProperty("java.class.path"), ScaleBench.class.getName(), "--child", set,
                Integer.toString(n), simd);
        log("== " + set + " n=" + n + " " + simd);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> rows = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println("  " + line);
                if (line.startsWith("ROW\t") || line.startsWith("SET\t") || line.startsWith("S3\t")) {
                    rows.add(line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            rows.add("NOTE\t" + set + " n=" + n + " " + simd + ": the child JVM exited with " + exit);
        }
        return rows;
    }

    // ---------------------------------------------------------------- child

    private static void child(EmbeddingSets.Kind kind, int n, String simd) throws Exception {
        String loaded = FaissIndex.simd();
        if (!loaded.equals(simd)) {
            throw new IllegalStateException("asked for the " + simd + " build, loaded " + loaded);
        }
        long g0 = System.nanoTime();
        EmbeddingSets sets = new EmbeddingSets(kind, n / kind.photosPerPerson, 17);
        EmbeddingSets.Set gallery = sets.gallery(1);
        int queryCount = n >= 1_000_000 ? 1_000 : 500; // at 1M, p99 and a 0.99 target need more than a few hundred
        EmbeddingSets.Set queries = sets.queries(queryCount, 2);
        log("generated " + n + " " + kind + " vectors in " + fmt((System.nanoTime() - g0) / 1e9) + " s");
        if (simd.equals("avx2")) {
            double[][] pairs = sets.pairCosines(5_000, 3);
            System.out.println("SET\t" + kind + "\t" + n + "\t" + quantiles(pairs[0]) + "\t" + quantiles(pairs[1]));
        }
        long[] ids = new long[n];
        Arrays.setAll(ids, i -> i);

        long[] truth;
        try (FaissIndex exact = FaissIndex.create(IndexSpec.exact(D))) {
            addAll(exact, ids, gallery.vectors());
            truth = exact.search(queries.vectors(), 1).ids(); // batched: BLAS
        }
        // at 1M every build costs minutes: only the configurations named by label prefix (the baseline always)
        List<String> at1m = List.of(System.getProperty("scale.configs1m", "HNSW32, 16-bit").split(";"));
        for (Config config : configs(n)) {
            if (simd.equals("generic") && !config.baseline()) {
                continue;
            }
            if (n >= 1_000_000 && !config.baseline() && at1m.stream().noneMatch(config.label()::startsWith)) {
                continue;
            }
            try {
                measure(kind, n, simd, config, gallery, queries, ids, truth);
            } catch (RuntimeException | OutOfMemoryError e) {
                System.out.println("ROW\t" + kind + "\t" + n + "\t" + simd + "\t" + config.label() + "\t\tfailed: "
                        + e.getMessage().replace('\t', ' ') + "\t\t\t\t\t\t\t\t");
            }
        }
    }

    private static void measure(EmbeddingSets.Kind kind, int n, String simd, Config config, EmbeddingSets.Set gallery,
                                EmbeddingSets.Set queries, long[] ids, long[] truth) throws Exception {
        try (FaissIndex index = FaissIndex.create(D, config.factory(), Metric.INNER_PRODUCT, config.build())) {
            long t0 = System.nanoTime();
            if (config.trained()) {
                int sample = Math.min(n, n >= 1_000_000 ? 131_072 : 65_536);
                index.train(Arrays.copyOfRange(gallery.vectors(), 0, sample * D)); // people are in random order of centres
            }
            double trainS = (System.nanoTime() - t0) / 1e9;
            // at 1M today's float HNSW takes many minutes on either build: stopped after a budget, its rate reported
            boolean budgeted = n >= 1_000_000 && config.label().startsWith("today: HNSW");
            long deadline = budgeted ? t0 + GENERIC_BUDGET_S * 1_000_000_000L : Long.MAX_VALUE;
            for (int start = 0; start < n; start += ADD_BATCH) {
                if (System.nanoTime() > deadline) {
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.println("ROW\t" + kind + "\t" + n + "\t" + simd + "\t" + config.label() + "\t\t"
                            + String.format(Locale.ROOT, "stopped after %s s at %,d vectors: whole build ~%s min", fmt(s), start,
                            fmt(n / (start / s) / 60)) + "\t\t\t\t\t\t\t\t");
                    return;
                }
                int end = Math.min(n, start + ADD_BATCH);
                index.add(Arrays.copyOfRange(ids, start, end), Arrays.copyOfRange(gallery.vectors(), start * D, end * D));
            }
            double buildS = (System.nanoTime() - t0) / 1e9;
            long memory = index.memoryBytes();
            Path file = Files.createTempFile("scale-bench", ".faiss");
            double writeS;
            double readS;
            long fileBytes;
            try {
                long w0 = System.nanoTime();
                fileBytes = index.writeTo(file);
                writeS = (System.nanoTime() - w0) / 1e9;
                long r0 = System.nanoTime();
                try (FaissIndex loaded = FaissIndex.readFrom(file)) {
                    readS = (System.nanoTime() - r0) / 1e9;
                    if (loaded.size() != n) {
                        throw new IllegalStateException("snapshot holds " + loaded.size() + " of " + n);
                    }
                }
                if (simd.equals("avx2") && kind == EmbeddingSets.Kind.MANIFOLD) {
                    throughS3(kind, n, config, file, fileBytes);
                }
            } finally {
                Files.deleteIfExists(file);
            }
            double[] sweep = config.sweep().length == 0 ? new double[] {Double.NaN} : config.sweep();
            boolean first = true;
            for (double value : sweep) {
                if (!Double.isNaN(value)) {
                    index.setParameter(config.sweepName(), value);
                }
                int timed = config.factory().endsWith(",Flat") && !config.factory().contains("IVF")
                        || config.factory().endsWith("SQ8") || config.factory().endsWith("SQfp16")
                        ? Math.min(queries.size(), n >= 1_000_000 ? 40 : 200) : queries.size();
                double[][] ms = time(timed, q -> index.search(row(queries.vectors(), q), 1));
                long[] top = new long[queries.size()];
                for (int q = 0; q < queries.size(); q++) {
                    top[q] = index.search(row(queries.vectors(), q), 1).id(0, 0);
                }
                int agree = 0;
                int same = 0;
                for (int q = 0; q < queries.size(); q++) {
                    agree += top[q] == truth[q] ? 1 : 0;
                    same += top[q] >= 0 && gallery.person()[(int) top[q]] == queries.person()[q] ? 1 : 0;
                }
                String setting = Double.isNaN(value) ? "" : config.sweepName() + " " + (int) value;
                System.out.println(String.join("\t", "ROW", kind.name(), Integer.toString(n), simd, config.label(), setting,
                        first ? fmt(buildS) + (trainS > 0.5 ? " (train " + fmt(trainS) + ")" : "") : "",
                        fmt(percentile(ms[0], 0.50)) + " / " + fmt(percentile(ms[1], 0.50)),
                        fmt(percentile(ms[0], 0.99)) + " / " + fmt(percentile(ms[1], 0.99)),
                        String.format(Locale.ROOT, "%.3f", agree / (double) queries.size()),
                        String.format(Locale.ROOT, "%.3f", same / (double) queries.size()),
                        first ? String.format(Locale.ROOT, "%,.0f", memory / 1048576.0) : "",
                        first ? String.format(Locale.ROOT, "%,.0f", fileBytes / 1048576.0) : "",
                        first ? fmt(writeS) + " / " + fmt(readS) : ""));
                first = false;
            }
        }
    }

    /**
     * What a new instance pays for the snapshot: multipart upload (the writer), then the streamed load (a reader)
     * against the baseline, the same download into a spool file and readFrom(Path); through the AWS SDK against the
     * embedded S3 emulator (S3Proxy, local disk).
     */
    private static void throughS3(EmbeddingSets.Kind kind, int n, Config config, Path file, long fileBytes) throws Exception {
        TestEnvironment env = TestEnvironment.install();
        try (S3Client s3 = env.s3()) {
            SnapshotStore store = new SnapshotStore(s3, TestEnvironment.BUCKET);
            Path back = Files.createTempFile("scale-bench-down", ".faiss");
            UUID org = UUID.randomUUID();
            try {
                long u0 = System.nanoTime();
                String key = store.put(org, 1, file);
                double uploadS = (System.nanoTime() - u0) / 1e9;
                // streamed first, so that it, not the baseline, pays the process's first touch of fresh memory
                long s0 = System.nanoTime();
                try (InputStream in = store.open(key).orElseThrow(); FaissIndex loaded = FaissIndex.readFrom(in)) {
                    if (loaded.size() != n) {
                        throw new IllegalStateException("streamed snapshot holds " + loaded.size() + " of " + n);
                    }
                }
                double streamedS = (System.nanoTime() - s0) / 1e9;
                // the baseline, as before 2026-12-03: the same ranged parallel download into a spool file, then read
                long d0 = System.nanoTime();
                try (InputStream in = store.open(key).orElseThrow()) {
                    Files.copy(in, back, StandardCopyOption.REPLACE_EXISTING);
                }
                double downloadS = (System.nanoTime() - d0) / 1e9;
                long r0 = System.nanoTime();
                try (FaissIndex loaded = FaissIndex.readFrom(back)) {
                    double readS = (System.nanoTime() - r0) / 1e9;
                    System.out.println(String.join("\t", "S3", kind.name(), Integer.toString(n), config.label(),
                            String.format(Locale.ROOT, "%,.0f", fileBytes / 1048576.0), fmt(uploadS), fmt(downloadS), fmt(readS),
                            fmt(downloadS + readS), fmt(streamedS),
                            String.format(Locale.ROOT, "%.2f×", streamedS / (downloadS + readS))));
                }
                s3.deleteObject(b -> b.bucket(TestEnvironment.BUCKET).key(key));
            } finally {
                store.destroy();
                Files.deleteIfExists(back);
            }
        }
    }

    // ---------------------------------------------------------------- report

    static final class Report {
        private final List<String> rows = new ArrayList<>();
        private final List<String> setRows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> s3Rows = new ArrayList<>();

        void add(List<String> lines) {
            for (String line : lines) {
                if (line.startsWith("SET\t")) {
                    setRows.add(line);
                } else if (line.startsWith("S3\t")) {
                    s3Rows.add(line);
                } else if (line.startsWith("NOTE\t")) {
                    notes.add(line.substring(5));
                } else {
                    rows.add(line);
                }
            }
        }

        String markdown() {
            StringBuilder md = new StringBuilder();
            md.append("## Index kinds at 100k–1M faces (`io.rollcall.bench.faiss.ScaleBench`, issue 15)\n\n")
                    .append("Two synthetic sets of 512-d embeddings (`EmbeddingSets`): **manifold**, the realistic one (identities ")
                    .append("on a 16-d manifold, 5 photos a person, pair cosines tuned to the real model's), and **random**, the ")
                    .append("worst case kept from before (random centres in all 512 dimensions, 10 photos a person). Queries are new ")
                    .append("photos of enrolled people, one per call (k=1, one calling thread); latency is wall / CPU time of that ")
                    .append("thread (the machine was shared with other engineers' builds and tests: read the CPU column); builds use ")
                    .append("both cores (OpenMP), wall time. ")
                    .append("recall@1 = the exact top-1 found; same person@1 = the top-1 is a photo of the query's person (exact ")
                    .append("search's figure is the ceiling any index can reach). Memory: the index's native structures. Snapshot: ")
                    .append("`FaissIndex.writeTo` / `readFrom` of a local file (FAISS write_index/read_index + CRC32). Each (set, size, ")
                    .append("build) ran in its own JVM; **today** = the configurations before issue 15 (Flat; AUTO's HNSW32 ")
                    .append("efConstruction 40 efSearch 256) on the **generic** build (SSE only, as Debian's libfaiss.a) — the ")
                    .append("baseline every ratio is against — and the same on the **avx2** build.\n\n");
            if (!setRows.isEmpty()) {
                md.append("Pair cosines of the generated sets (5,000 pairs each) against the real model on the identity-labelled photos ")
                        .append("(docs/accuracy.md: 120 genuine / 3,201 impostor pairs):\n\n")
                        .append("| set | genuine p5 / median / p95 | impostor p5 / median / p95 |\n|---|---|---|\n")
                        .append("| real model, faces-labelled | 0.442 / 0.691 / 0.866 | -0.141 / 0.009 / 0.162 |\n");
                for (String s : setRows) {
                    String[] f = s.split("\t");
                    md.append("| ").append(f[1].toLowerCase(Locale.ROOT)).append(" (n=").append(String.format(Locale.ROOT, "%,d", Integer.parseInt(f[2])))
                            .append(") | ").append(f[3]).append(" | ").append(f[4]).append(" |\n");
                }
                md.append('\n');
            }
            String current = "";
            for (String r : rows) {
                String[] f = r.split("\t", -1);
                String group = f[1] + " " + f[2];
                if (!group.equals(current)) {
                    current = group;
                    md.append("\n### ").append(f[1].toLowerCase(Locale.ROOT)).append(" set, ")
                            .append(String.format(Locale.ROOT, "%,d", Integer.parseInt(f[2]))).append(" vectors\n\n")
                            .append("| build | index | setting | build s | p50 ms wall / CPU | p99 ms wall / CPU | p99 CPU vs baseline | recall@1 | same person@1 | memory MiB | snapshot MiB | write / read s |\n")
                            .append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
                }
                md.append("| ").append(f[3]).append(" | ").append(f[4]).append(" | ").append(f[5]).append(" | ").append(f[6])
                        .append(" | ").append(f[7]).append(" | ").append(f[8]).append(" | ").append(ratio(r)).append(" | ")
                        .append(f[9]).append(" | ").append(f[10]).append(" | ").append(f[11]).append(" | ").append(f[12])
                        .append(" | ").append(f[13]).append(" |\n");
            }
            if (!s3Rows.isEmpty()) {
                md.append("\n### Snapshots through S3 (manifold set, avx2 build)\n\n")
                        .append("`SnapshotStore.put` (multipart upload in 32 MiB parts, 4 in parallel, above one part, each part's ")
                        .append("CRC32 in the object's metadata), then what a new instance pays before its first search, through the ")
                        .append("AWS SDK against the embedded S3 emulator (S3Proxy on local disk: no network, so this is the floor of what ")
                        .append("S3 costs). **streamed** (since 2026-12-03): `SnapshotStore.open` (ranged GETs of 32 MiB, 4 in parallel, ")
                        .append("each part checked against its CRC32) read by `FaissIndex.readFrom(InputStream)`, FAISS read_index ")
                        .append("parsing the parts as they arrive; measured first in the process. **file** (the baseline, before): ")
                        .append("the same download written to a spool file, then `FaissIndex.readFrom(Path)` (CRC32 pass + read_index).\n\n")
                        .append("| vectors | index | snapshot MiB | upload s | file: download s | file: read s | file: load s | **streamed load s** | streamed / file |\n")
                        .append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
                for (String r : s3Rows) {
                    String[] f = r.split("\t", -1);
                    md.append("| ").append(String.format(Locale.ROOT, "%,d", Integer.parseInt(f[2]))).append(" | ").append(f[3])
                            .append(" | ").append(f[4]).append(" | ").append(f[5]).append(" | ").append(f[6]).append(" | ")
                            .append(f[7]).append(" | ").append(f[8]).append(" | **").append(f.length > 9 ? f[9] : "")
                            .append("** | ").append(f.length > 10 ? f[10] : "").append(" |\n");
                }
            }
            for (String note : notes) {
                md.append("\n- ").append(note);
            }
            return md.toString();
        }

        // p99 against the baseline of the same set and size: the generic build's today-Flat row
        private String ratio(String row) {
            String[] f = row.split("\t", -1);
            for (String other : rows) {
                String[] b = other.split("\t", -1);
                if (b[1].equals(f[1]) && b[2].equals(f[2]) && b[3].equals("generic") && b[4].equals("today: Flat")) {
                    try {
                        double base = cpu(b[8]);
                        double value = cpu(f[8]);
                        return String.format(Locale.ROOT, "%.3f×", value / base);
                    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                        return "";
                    }
                }
            }
            return "";
        }
    }

    // ---------------------------------------------------------------- helpers

    // "wall / cpu" -> cpu
    private static double cpu(String cell) {
        return Double.parseDouble(cell.substring(cell.indexOf('/') + 1).trim().replace(",", ""));
    }

    private static String quantiles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.3f / %.3f / %.3f", percentile(sorted, 0.05), percentile(sorted, 0.5),
                percentile(sorted, 0.95));
    }

    private static void addAll(FaissIndex index, long[] ids, float[] data) {
        for (int start = 0; start < ids.length; start += ADD_BATCH) {
            int end = Math.min(ids.length, start + ADD_BATCH);
            index.add(Arrays.copyOfRange(ids, start, end), Arrays.copyOfRange(data, start * D, end * D));
        }
    }

    interface Query {
        void run(int q);
    }

    /**
     * Wall and CPU milliseconds per call of each query (each sorted), after a warm-up pass over the first 10%. CPU is
     * the calling thread's (a single query runs on it alone): far less disturbed than wall time on a shared machine.
     */
    private static double[][] time(int queries, Query query) {
        for (int q = 0; q < Math.max(3, queries / 10); q++) {
            query.run(q % queries);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[queries];
        double[] cpu = new double[queries];
        for (int q = 0; q < queries; q++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            query.run(q);
            wall[q] = (System.nanoTime() - t0) / 1e6;
            cpu[q] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[][] {wall, cpu};
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))];
    }

    private static float[] row(float[] vectors, int i) {
        return Arrays.copyOfRange(vectors, i * D, (i + 1) * D);
    }

    static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    private static void log(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
