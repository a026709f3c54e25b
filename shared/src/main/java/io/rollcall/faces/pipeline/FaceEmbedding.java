package io.rollcall.faces.pipeline;

import java.util.Arrays;

/**
 * An L2-normalised face embedding, tagged with the version of the model that produced it: embeddings of
 * different model versions live in different spaces and must never be compared.
 */
public record FaceEmbedding(float[] vector, String modelVersion) {

    public FaceEmbedding {
        vector = vector.clone();
    }

    @Override
    public float[] vector() {
        return vector.clone();
    }

    public int dimension() {
        return vector.length;
    }

    /** Cosine similarity (the dot product, both sides being unit length). */
    public double cosine(FaceEmbedding other) {
        if (!modelVersion.equals(other.modelVersion)) {
            throw new IllegalArgumentException("embeddings of different models: " + modelVersion + " vs " + other.modelVersion);
        }
        double dot = 0;
        for (int i = 0; i < vector.length; i++) {
            dot += vector[i] * other.vector[i];
        }
        return dot;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceEmbedding e && modelVersion.equals(e.modelVersion) && Arrays.equals(vector, e.vector);
    }

    @Override
    public int hashCode() {
        return 31 * modelVersion.hashCode() + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
        return "FaceEmbedding[" + vector.length + "-d, " + modelVersion + "]";
    }
}
