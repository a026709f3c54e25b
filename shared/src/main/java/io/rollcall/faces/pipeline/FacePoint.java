package io.rollcall.faces.pipeline;

/** A point in the pixel coordinates of the (orientation-corrected) input image. */
public record FacePoint(float x, float y) {
}
