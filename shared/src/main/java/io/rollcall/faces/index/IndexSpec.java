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
     * From here on HNSW. Measured (docs/benchmarks.md, faiss and scale): exact search costs ~3 ms per query at
     * 10k and ~35 ms at 100k 512-d vectors, small next to face detection and embedding; HNSW answers
     * in about a millisecond but must be built (minutes at 100k on 2 cores), is approximate, and
     * deletes only by tombstone + rebuild. So exact until the scan itself becomes the cost.
     */
    public static final int HNSW_THRESHOLD = 100_000;

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

    /** Exact below {@link #HNSW_THRESHOLD} vectors, HNSW from there on. */
    public static IndexSpec forSize(int dimension, long expectedVectors) {
        return expectedVectors < HNSW_THRESHOLD ? exact(dimension) : hnsw(dimension);
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
