package io.rollcall.faces.pipeline;

import java.util.List;

/**
 * One face found in an image.
 *
 * @param box        bounding box, pixels of the orientation-corrected image
 * @param score      detector confidence, 0..1
 * @param landmarks  five points: left eye centre, right eye centre, nose tip, left and right mouth corner
 *                   (left/right as seen in the image)
 * @param embedding  the L2-normalised embedding with its model version
 * @param quality    size and sharpness signals for rejecting small or blurred faces
 * @param cropJpeg   the face with a margin, at most {@value FacePipeline#CROP_MAX_SIDE} px a side, as JPEG
 *                   (for storing unknown faces for review)
 * @param checks     liveness (always), head pose and eyes (when the analysis asked for them)
 */
public record DetectedFace(FaceBox box, float score, List<FacePoint> landmarks, FaceEmbedding embedding,
                           FaceQuality quality, byte[] cropJpeg, FaceChecks checks) {

    public DetectedFace {
        landmarks = List.copyOf(landmarks);
    }
}
