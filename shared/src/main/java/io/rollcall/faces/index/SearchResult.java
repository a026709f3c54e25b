package io.rollcall.faces.index;

import java.util.ArrayList;
import java.util.List;

/**
 * The k nearest neighbours of each query, best first: row q occupies {@code [q*k, (q+1)*k)} of
 * both arrays. Missing neighbours (fewer than k vectors in the index) have id {@link #NONE}.
 * Scores are inner products (cosine for normalised vectors, higher is closer) or squared L2
 * distances (lower is closer), depending on the index's {@link Metric}.
 */
public record SearchResult(int queries, int k, long[] ids, float[] scores) {

    public static final long NONE = -1;

    public record Hit(long id, float score) {
    }

    public long id(int query, int rank) {
        return ids[query * k + rank];
    }

    public float score(int query, int rank) {
        return scores[query * k + rank];
    }

    /** The hits of one query, without the missing ones. */
    public List<Hit> hits(int query) {
        List<Hit> hits = new ArrayList<>(k);
        for (int r = 0; r < k && id(query, r) != NONE; r++) {
            hits.add(new Hit(id(query, r), score(query, r)));
        }
        return hits;
    }
}
