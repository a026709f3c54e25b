package io.rollcall.faces;

/** The image decoded and has faces, but not the face(s) the operation needs; {@link #reason()} says why. */
public class FaceRejectedException extends RuntimeException {

    public enum Reason { MANY_FACES, FACE_TOO_SMALL, FACE_TOO_BLURRY }

    private final Reason reason;

    public FaceRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
