package io.rollcall.faces.pipeline;

/** A face's bounding box in the pixel coordinates of the (orientation-corrected) input image. */
public record FaceBox(int x, int y, int width, int height) {

    /** The smaller side, the number to compare with a minimum face size. */
    public int sizePx() {
        return Math.min(width, height);
    }

    /** Intersection over union with {@code other}: 1 for the same box, 0 for boxes that do not touch. */
    public double iou(FaceBox other) {
        int x1 = Math.max(x, other.x);
        int y1 = Math.max(y, other.y);
        int x2 = Math.min(x + width, other.x + other.width);
        int y2 = Math.min(y + height, other.y + other.height);
        double inter = Math.max(0, x2 - x1) * (double) Math.max(0, y2 - y1);
        return inter / (width * (double) height + other.width * (double) other.height - inter);
    }
}
