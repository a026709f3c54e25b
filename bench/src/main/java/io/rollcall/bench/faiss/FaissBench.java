package io.rollcall.bench.faiss;

import io.rollcall.bench.BenchReport;
import io.rollcall.faces.index.FaissException;
import io.rollcall.faces.index.FaissIndex;
import io.rollcall.faces.index.IndexSpec;
import io.rollcall.faces.index.SearchResult;
import io.rollcall.faces.index.Vectors;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * FAISS (Flat and HNSW through {@link FaissIndex}) against a plain-Java brute-force cosine scan
 * over a float[], at 10k, 100k and 1M 512-d face-like embeddings: single-query latency p50/p99,
 * recall@1 against exact search, build time, snapshot (toBytes/fromBytes) time.
 *
 * <p>Run on demand, e.g. {@code java -Xmx14g -cp bench/target/classes:shared/target/classes
 * io.rollcall.bench.faiss.FaissBench [sizes...]}. Writes the "faiss" section of docs/benchmarks.md.
 */
public final class FaissBench {

    static final int D = 512;
    /** Photos per person: vectors come in clusters of about this size. */
    static final int PER_PERSON = 10;
    /** Noise norm around a person's centre: cosine to the centre ~0.96, between two photos ~0.92 (like the real model). */
    static final double NOISE = 0.3;
    static final int ADD_BATCH = 20_000;
    static final int[] EF_SEARCH = {16, 64, 256};
    /** Stop an HNSW build after this long (-Dfaiss.bench.hnswBudgetSeconds) and report the rate instead. */
    static final long HNSW_BUDGET_S = Long.getLong("faiss.bench.hnswBudgetSeconds", 1_200);

    private final StringBuilder table = new StringBuilder();
    private final StringBuilder snapshots = new StringBuilder();
    private final StringBuilder notes = new StringBuilder();

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {10_000, 100_000, 1_000_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        FaissBench bench = new FaissBench();
        for (int n : sizes) {
            bench.run(n);
            BenchReport.write("faiss", bench.markdown()); // after each size: a long run still leaves results
        }
    }

    void run(int n) {
        log("== n=" + n);
        int people = Math.max(1, n / PER_PERSON);
        float[] centres = Vectors.normalize(gaussian(people * D, 1.0 / Math.sqrt(D), 17), D);
        int[] dataPerson = new int[n];
        float[] data = around(centres, people, n, 1, dataPerson);
        int queries = n >= 1_000_000 ? 200 : 500;
        int[] queryPerson = new int[queries];
        float[] query = around(centres, people, queries, 2, queryPerson); // new photos of enrolled people
        long[] ids = new long[n];
        Arrays.setAll(ids, i -> i);

        // plain Java: what a system without a vector index does
        int javaQueries = Math.max(20, Math.min(queries, 2_000_000_000 / n / D * 4));
        long[] javaTop = new long[javaQueries];
        double[] javaMs = time(javaQueries, q -> javaTop[q] = bruteForceTop1(data, n, query, q));
        row(n, "plain Java scan (float[])", "-", javaMs, -1, -1);

        long[] truth;
        try (FaissIndex flat = FaissIndex.create(IndexSpec.exact(D))) {
            long t0 = System.nanoTime();
            addAll(flat, ids, data);
            double buildS = (System.nanoTime() - t0) / 1e9;
            SearchResult exact = flat.search(query, 1); // batched: BLAS, the ground truth
            truth = exact.ids();
            int agree = 0;
            for (int q = 0; q < javaQueries; q++) {
                agree += javaTop[q] == truth[q] ? 1 : 0;
            }
            if (agree != javaQueries) {
                notes.append("- n=").append(n).append(": the Java scan and FAISS Flat disagreed on ")
                        .append(javaQueries - agree).append(" of ").append(javaQueries).append(" top-1 ids (float ties).\n");
            }
            double[] flatMs = time(n >= 1_000_000 ? 50 : queries, q -> flat.search(row(query, q), 1));
            row(n, "FAISS IDMap2,Flat", fmt(buildS) + " s", flatMs, 1.0, samePerson(truth, dataPerson, queryPerson));
            int batch = 64;
            long b0 = System.nanoTime();
            for (int start = 0; start + batch <= queries; start += batch) {
                flat.search(Arrays.copyOfRange(query, start * D, (start + batch) * D), 1);
            }
            double perQuery = (System.nanoTime() - b0) / 1e6 / (queries / batch * batch);
            table.append(String.format(Locale.ROOT, "| %,d | FAISS Flat, batches of %d (per query) | | %s | | 1.000 | |%n",
                    n, batch, fmt(perQuery)));
            snapshot(n, "Flat", flat);
        }

        IndexSpec spec = IndexSpec.hnsw(D);
        try (FaissIndex hnsw = FaissIndex.create(spec)) {
            long t0 = System.nanoTime();
            long deadline = t0 + HNSW_BUDGET_S * 1_000_000_000L;
            for (int start = 0; start < n; start += ADD_BATCH) {
                if (System.nanoTime() > deadline) {
                    double s = (System.nanoTime() - t0) / 1e9;
                    String line = String.format(Locale.ROOT, "| %,d | FAISS IDMap2,HNSW%d | stopped after %s s at %,d vectors (%,.0f/s; whole build ~%s min) | | | | |%n",
                            n, spec.hnswM(), fmt(s), start, start / s, fmt(n / (start / s) / 60));
                    table.append(line);
                    log(line.strip());
                    return;
                }
                int end = Math.min(n, start + ADD_BATCH);
                hnsw.add(Arrays.copyOfRange(ids, start, end), Arrays.copyOfRange(data, start * D, end * D));
            }
            double buildS = (System.nanoTime() - t0) / 1e9;
            log("HNSW build " + fmt(buildS) + " s");
            for (int ef : EF_SEARCH) {
                hnsw.setParameter("efSearch", ef);
                double[] ms = time(queries, q -> hnsw.search(row(query, q), 1));
                SearchResult approx = hnsw.search(query, 1);
                int hits = 0;
                for (int q = 0; q < queries; q++) {
                    hits += approx.id(q, 0) == truth[q] ? 1 : 0;
                }
                row(n, "FAISS IDMap2,HNSW" + spec.hnswM() + " efSearch=" + ef,
                        ef == EF_SEARCH[0] ? fmt(buildS) + " s" : "", ms, hits / (double) queries,
                        samePerson(approx.ids(), dataPerson, queryPerson));
            }
            hnsw.setParameter("efSearch", spec.efSearch());
            snapshot(n, "HNSW" + spec.hnswM(), hnsw);
        }
    }

    private void snapshot(int n, String kind, FaissIndex index) {
        try {
            long t0 = System.nanoTime();
            byte[] bytes = index.toBytes();
            double writeMs = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            try (FaissIndex loaded = FaissIndex.fromBytes(bytes)) {
                double readMs = (System.nanoTime() - t1) / 1e6;
                snapshots.append(String.format(Locale.ROOT, "| %,d | %s | %,.0f MiB | %s | %s |%n",
                        n, kind, bytes.length / 1048576.0, fmt(writeMs), fmt(readMs)));
                log("snapshot " + kind + " " + bytes.length + " bytes, write " + fmt(writeMs) + " ms, read " + fmt(readMs) + " ms");
            }
        } catch (FaissException | OutOfMemoryError e) {
            snapshots.append(String.format(Locale.ROOT, "| %,d | %s | — | failed: %s | |%n", n, kind, e.getMessage()));
            log("snapshot " + kind + " failed: " + e);
        }
    }

    private static void addAll(FaissIndex index, long[] ids, float[] data) {
        for (int start = 0; start < ids.length; start += ADD_BATCH) {
            int end = Math.min(ids.length, start + ADD_BATCH);
            index.add(Arrays.copyOfRange(ids, start, end), Arrays.copyOfRange(data, start * D, end * D));
        }
    }

    /** Index of the best cosine (vectors are normalised, so the best inner product) in data for query q. */
    static long bruteForceTop1(float[] data, int n, float[] queries, int q) {
        int qo = q * D;
        long best = -1;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < n; v++) {
            int vo = v * D;
            float s = 0;
            for (int t = 0; t < D; t++) {
                s += data[vo + t] * queries[qo + t];
            }
            if (s > bestScore) {
                bestScore = s;
                best = v;
            }
        }
        return best;
    }

    interface Query {
        void run(int q);
    }

    /** Milliseconds per call of each query, after a warm-up pass over the first 10%. */
    private static double[] time(int queries, Query query) {
        for (int q = 0; q < Math.max(3, queries / 10); q++) {
            query.run(q % queries);
        }
        double[] ms = new double[queries];
        for (int q = 0; q < queries; q++) {
            long t0 = System.nanoTime();
            query.run(q);
            ms[q] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    /** Share of queries whose top-1 is a photo of the same person: what recognition needs. */
    private static double samePerson(long[] top1, int[] dataPerson, int[] queryPerson) {
        int same = 0;
        for (int q = 0; q < queryPerson.length; q++) {
            same += top1[q] >= 0 && dataPerson[(int) top1[q]] == queryPerson[q] ? 1 : 0;
        }
        return same / (double) queryPerson.length;
    }

    private void row(int n, String what, String build, double[] sortedMs, double recall, double person) {
        String r = String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s | %s |%n", n, what, build,
                fmt(percentile(sortedMs, 0.50)), fmt(percentile(sortedMs, 0.99)),
                recall < 0 ? "exact" : String.format(Locale.ROOT, "%.3f", recall),
                person < 0 ? "" : String.format(Locale.ROOT, "%.3f", person));
        table.append(r);
        log(r.strip() + " (" + sortedMs.length + " queries)");
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static float[] row(float[] vectors, int i) {
        return Arrays.copyOfRange(vectors, i * D, (i + 1) * D);
    }

    // count vectors, each a random person's centre plus noise of norm ~NOISE, normalised; generated in parallel
    private static float[] around(float[] centres, int people, int count, long seed, int[] person) {
        float[] out = new float[Math.multiplyExact(count, D)];
        double sigma = NOISE / Math.sqrt(D);
        IntStream.range(0, 64).parallel().forEach(part -> {
            SplittableRandom random = new SplittableRandom(seed * 1_000 + part);
            for (int v = part; v < count; v += 64) {
                int c = random.nextInt(people);
                person[v] = c;
                for (int t = 0; t < D; t++) {
                    out[v * D + t] = centres[c * D + t] + (float) (sigma * random.nextGaussian());
                }
            }
        });
        return Vectors.normalize(out, D);
    }

    private static float[] gaussian(int length, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) (sigma * random.nextGaussian());
        }
        return out;
    }

    private String markdown() {
        IndexSpec spec = IndexSpec.hnsw(D);
        return "## FAISS index vs plain-Java scan (`io.rollcall.bench.faiss.FaissBench`)\n\n"
                + "Synthetic face-like embeddings: " + D + "-d, L2-normalised, " + PER_PERSON + " per person around a random centre "
                + "(same-person cosine ~0.92, like the real model's 0.93–0.98); queries are new photos of enrolled people. "
                + "Scores are inner products = cosine. Latency is one query per call (k=1, one calling thread), "
                + "recall@1 is agreement with FAISS Flat's exact top-1 id; same person@1 is the share of queries whose top-1 is "
                + "another photo of the query's person (what recognition needs). HNSW: M=" + spec.hnswM()
                + ", efConstruction=" + spec.efConstruction() + " (IndexSpec.hnsw defaults), built by `add` in batches of "
                + ADD_BATCH + ". The Java scan is a scalar loop over one float[], the usual \"no index\" approach "
                + "(measured on fewer queries at large n; it finds the same top-1 as FAISS Flat). "
                + "The machine was shared with other builds while this ran (load average well above 2 at 1M), so absolute "
                + "numbers are pessimistic; the ratios within one size were measured minutes apart.\n\n"
                + "| vectors | search | build | p50 ms | p99 ms | recall@1 | same person@1 |\n|---:|---|---|---:|---:|---:|---:|\n"
                + table + "\n"
                + "Snapshots (`toBytes` / `fromBytes`, i.e. what loading a per-organization index from S3 costs after the download):\n\n"
                + "| vectors | index | size | toBytes ms | fromBytes ms |\n|---:|---|---:|---:|---:|\n"
                + snapshots + (notes.length() > 0 ? "\n" + notes : "");
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    private static void log(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
