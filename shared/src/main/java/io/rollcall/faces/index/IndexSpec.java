package io.rollcall.faces.index;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What kind of index to build for one organization's face embeddings. Always inner product over
 * L2-normalised vectors (= cosine similarity), always wrapped in {@code IDMap2} so our own ids
 * (face embedding ids) come back from a search and vectors can be read back for a rebuild.
 *
 * @param dimension      embedding size (512 for the current face model)
 * @param kind           {@link Kind#FLAT}: exact; {@link Kind#HNSW}: approximate graph, for large organizations
 * @param storage        how each vector is stored: {@link Storage#FLOAT} (32-bit) or {@link Storage#FP16} (16-bit,
 *                       FAISS's SQfp16: half the memory and snapshot, no training needed)
 * @param hnswM          HNSW graph degree (links per node); ignored for FLAT
 * @param efConstruction HNSW build-time beam width: higher = better graph, slower add; ignored for FLAT
 * @param efSearch       HNSW search-time beam width: higher = better recall, slower search; ignored for FLAT
 */
public record IndexSpec(int dimension, Kind kind, Storage storage, int hnswM, int efConstruction, int efSearch) {

    public enum Kind { FLAT, HNSW }

    public enum Storage { FLOAT, FP16 }

    /**
     * AUTO: exact below this many vectors, HNSW from here on. Measured (docs/benchmarks.md, scale; AVX2 build, one
     * thread, CPU time): exact Flat costs ~2 ms a query at 20k, ~6 at 50k and ~10-12 at 100k; HNSW32 with 16-bit
     * storage answers in ~1 ms at 100k (recall@1 0.994 at efSearch 64) but must be built (~30-45 s at 100k on 2
     * cores), is approximate and deletes only by tombstone + rebuild. So exact while the scan is a few ms, small
     * next to the ~40 ms of a frame's pipeline.
     */
    public static final int HNSW_THRESHOLD = 50_000;

    /** AUTO: from here on HNSW searches with {@link #LARGE_EF_SEARCH} (a larger graph needs a wider beam). */
    public static final int LARGE_THRESHOLD = 500_000;
    static final int EF_SEARCH = 64;
    static final int LARGE_EF_SEARCH = 128;

    public IndexSpec {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
        if (kind == null || storage == null) {
            throw new IllegalArgumentException("kind and storage are required");
        }
        if (kind == Kind.HNSW && (hnswM < 2 || efConstruction < 1 || efSearch < 1)) {
            throw new IllegalArgumentException("HNSW needs M >= 2, efConstruction >= 1, efSearch >= 1");
        }
    }

    /** Exact search: {@code IDMap2,Flat}. */
    public static IndexSpec exact(int dimension) {
        return new IndexSpec(dimension, Kind.FLAT, Storage.FLOAT, 0, 0, 0);
    }

    /**
     * Approximate search: {@code IDMap2,HNSW32}, efConstruction 40 (FAISS default), efSearch 256. Measured
     * (docs/benchmarks.md, faiss): efSearch 64 finds the right person 97% of the time at 100k vectors but 70%
     * at 1M; 256 keeps it at 98-99.8% for 4-7.5 ms a query, small next to the ~70 ms of embedding every face.
     */
    public static IndexSpec hnsw(int dimension) {
        return new IndexSpec(dimension, Kind.HNSW, Storage.FLOAT, 32, 40, 256);
    }

    /**
     * What AUTO builds for an organization of {@code expectedVectors}: exact Flat (float32) below
     * {@link #HNSW_THRESHOLD}; HNSW32 with 16-bit storage (efConstruction 40, efSearch 64) from there, efSearch 128
     * from {@link #LARGE_THRESHOLD}. 16-bit storage halves memory and snapshot at the same recall and is faster (less
     * memory traffic), and needs no training; the measurements and the alternatives (IVF, 8-bit, M, efConstruction)
     * are in docs/faces.md.
     */
    public static IndexSpec forSize(int dimension, long expectedVectors) {
        if (expectedVectors < HNSW_THRESHOLD) {
            return exact(dimension);
        }
        int ef = expectedVectors < LARGE_THRESHOLD ? EF_SEARCH : LARGE_EF_SEARCH;
        return new IndexSpec(dimension, Kind.HNSW, Storage.FP16, 32, 40, ef);
    }

    /** The same index with another storage. */
    public IndexSpec withStorage(Storage other) {
        return new IndexSpec(dimension, kind, other, hnswM, efConstruction, efSearch);
    }

    /** The FAISS index_factory description. */
    public String factory() {
        String codes = storage == Storage.FP16 ? "SQfp16" : "Flat";
        if (kind == Kind.FLAT) {
            return "IDMap2," + codes;
        }
        return "IDMap2,HNSW" + hnswM + (storage == Storage.FP16 ? ",SQfp16" : "");
    }

    /** What face_indexes.index_kind records: FLAT, HNSW, FLAT_FP16, HNSW_FP16. */
    public String kindName() {
        return kind.name() + (storage == Storage.FP16 ? "_FP16" : "");
    }

    /** {@link #kindName()} of an index built from a factory string of this class. */
    public static String kindNameOf(String factory) {
        return (factory.contains("HNSW") ? "HNSW" : "FLAT") + (factory.contains("SQfp16") ? "_FP16" : "");
    }

    Map<String, Double> parameters() {
        Map<String, Double> p = new LinkedHashMap<>();
        if (kind == Kind.HNSW) {
            p.put("efConstruction", (double) efConstruction);
            p.put("efSearch", (double) efSearch);
        }
        return p;
    }
}
