package io.rollcall.faces.pipeline;

/**
 * Signals for deciding whether a face is good enough to recognise or enrol.
 *
 * @param sizePx    the face box's smaller side in pixels of the input image
 * @param sharpness variance of the Laplacian of the aligned 112x112 grey face; low means blurred
 */
public record FaceQuality(int sizePx, double sharpness) {

    /** Faces smaller than this (pixels) give unreliable embeddings. */
    public static final int DEFAULT_MIN_SIZE_PX = 60;
    /**
     * Below this Laplacian variance the aligned face is blurred enough to hurt the embedding: a Gaussian blur of
     * sigma 2 leaves faces around 40 and still recognisable, sigma 4 takes them to about 14 (see docs/accuracy.md).
     */
    public static final double DEFAULT_MIN_SHARPNESS = 25.0;

    public boolean isUsable(int minSizePx, double minSharpness) {
        return sizePx >= minSizePx && sharpness >= minSharpness;
    }

    public boolean isUsable() {
        return isUsable(DEFAULT_MIN_SIZE_PX, DEFAULT_MIN_SHARPNESS);
    }
}
