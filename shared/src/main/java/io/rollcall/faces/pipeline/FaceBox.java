package io.rollcall.faces.pipeline;

/** A face's bounding box in the pixel coordinates of the (orientation-corrected) input image. */
public record FaceBox(int x, int y, int width, int height) {

    /** The smaller side, the number to compare with a minimum face size. */
    public int sizePx() {
        return Math.min(width, height);
    }
}
