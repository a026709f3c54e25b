package io.rollcall.faces.pipeline;

import java.util.Locale;

/**
 * What the pipeline can tell about how a face was captured, beyond who it is: a liveness score for every face,
 * and, when asked for (enrollment), the head pose and whether the eyes are open.
 *
 * @param liveness the liveness reading (always present; {@link Liveness#score()} null when it could not be read)
 * @param pose     head pose in degrees, null unless asked for
 * @param eyes     probability that each eye is open, null unless asked for or when the eyes could not be cropped
 */
public record FaceChecks(Liveness liveness, Pose pose, Eyes eyes) {

    /** Why no liveness score could be read for a face: each is an answer, never an error. */
    public enum Unchecked {
        /** The face is smaller than the liveness network's crop needs ({@link #message()}). */
        FACE_TOO_SMALL("the face is too small for the liveness check"),
        /** The face touches the edge of the image: it is cut off, and the crop around it lacks the context. */
        FACE_AT_BORDER("the face touches the edge of the image, so its liveness cannot be checked"),
        /** A greyscale image (an infrared camera, a scanned photo): the network was trained on colour. */
        GREYSCALE("the image is greyscale, so its liveness cannot be checked");

        private final String message;

        Unchecked(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }

        /** The stable code an answer carries ({@code face_too_small}, ...). */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param score     probability that the face is a live person (the network's softmax), null when unchecked
     * @param unchecked why there is no score, null when there is one
     */
    public record Liveness(Double score, Unchecked unchecked) {

        public static Liveness of(double score) {
            return new Liveness(score, null);
        }

        public static Liveness unchecked(Unchecked why) {
            return new Liveness(null, why);
        }

        public boolean checked() {
            return score != null;
        }
    }

    /** Degrees: yaw left/right, pitch up/down, roll in-plane; 0/0/0 is looking straight at the camera. */
    public record Pose(double yaw, double pitch, double roll) {
    }

    /** Probability that the image-left and the image-right eye are open. */
    public record Eyes(double left, double right) {
    }

    public static FaceChecks livenessOnly(Liveness liveness) {
        return new FaceChecks(liveness, null, null);
    }
}
