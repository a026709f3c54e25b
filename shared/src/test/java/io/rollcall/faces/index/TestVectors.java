package io.rollcall.faces.index;

import java.util.Random;

/** Synthetic embeddings with cluster structure (like several photos of the same people), L2-normalised. */
final class TestVectors {

    private TestVectors() {
    }

    static float[] clustered(int n, int dimension, int clusters, long seed) {
        Random random = new Random(seed);
        float[] centres = new float[clusters * dimension];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) random.nextGaussian();
        }
        Vectors.normalize(centres, dimension);
        float[] out = new float[n * dimension];
        for (int v = 0; v < n; v++) {
            int c = random.nextInt(clusters);
            for (int t = 0; t < dimension; t++) {
                out[v * dimension + t] = centres[c * dimension + t] + 0.6f * (float) random.nextGaussian() / (float) Math.sqrt(dimension);
            }
        }
        return Vectors.normalize(out, dimension);
    }

    static long[] ids(int n, long first) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = first + i;
        }
        return ids;
    }

    static float[] row(float[] vectors, int i, int dimension) {
        float[] out = new float[dimension];
        System.arraycopy(vectors, i * dimension, out, 0, dimension);
        return out;
    }
}
