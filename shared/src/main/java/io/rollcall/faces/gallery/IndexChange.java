package io.rollcall.faces.gallery;

import java.util.ArrayList;
import java.util.List;

/**
 * What a writer did to an organization's face_embeddings inside its transaction, for the index to follow:
 * vectors added under their embedding_index ids, ids removed (deleted rows, deactivated users).
 */
public final class IndexChange {

    private final List<Long> addedIds = new ArrayList<>();
    private final List<float[]> addedVectors = new ArrayList<>();
    private final List<Long> removedIds = new ArrayList<>();

    public void add(long id, float[] vector) {
        addedIds.add(id);
        addedVectors.add(vector);
    }

    public void remove(long id) {
        removedIds.add(id);
    }

    public void removeAll(long[] ids) {
        for (long id : ids) {
            removedIds.add(id);
        }
    }

    boolean isEmpty() {
        return addedIds.isEmpty() && removedIds.isEmpty();
    }

    long[] addedIds() {
        return addedIds.stream().mapToLong(Long::longValue).toArray();
    }

    float[] addedVectors(int dimension) {
        float[] flat = new float[addedVectors.size() * dimension];
        for (int i = 0; i < addedVectors.size(); i++) {
            float[] v = addedVectors.get(i);
            if (v.length != dimension) {
                throw new IllegalArgumentException("vector of " + v.length + " dimensions, the index has " + dimension);
            }
            System.arraycopy(v, 0, flat, i * dimension, dimension);
        }
        return flat;
    }

    long[] removedIds() {
        return removedIds.stream().mapToLong(Long::longValue).toArray();
    }
}
