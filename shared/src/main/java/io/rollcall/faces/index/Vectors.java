package io.rollcall.faces.index;

/** Helpers for the flat {@code float[]} layout the index uses: n vectors of d floats, back to back. */
public final class Vectors {

    private Vectors() {
    }

    /** L2-normalises each vector of {@code vectors} in place (a zero vector stays zero) and returns the array. */
    public static float[] normalize(float[] vectors, int dimension) {
        if (dimension <= 0 || vectors.length % dimension != 0) {
            throw new IllegalArgumentException("length " + vectors.length + " is not a multiple of dimension " + dimension);
        }
        for (int start = 0; start < vectors.length; start += dimension) {
            double sum = 0;
            for (int i = start; i < start + dimension; i++) {
                sum += (double) vectors[i] * vectors[i];
            }
            if (sum > 0) {
                float scale = (float) (1 / Math.sqrt(sum));
                for (int i = start; i < start + dimension; i++) {
                    vectors[i] *= scale;
                }
            }
        }
        return vectors;
    }

    /** Inner product of vector {@code i} of {@code a} and vector {@code j} of {@code b}. */
    public static float dot(float[] a, int i, float[] b, int j, int dimension) {
        float sum = 0;
        int x = i * dimension;
        int y = j * dimension;
        for (int t = 0; t < dimension; t++) {
            sum += a[x + t] * b[y + t];
        }
        return sum;
    }
}
