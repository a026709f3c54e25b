package io.rollcall.faces;

import java.util.Locale;
import java.util.Map;

import io.rollcall.domain.DomainException;

/** The image decoded and has faces, but not the face(s) the operation needs; {@link #reason()} says why (422). */
public class FaceRejectedException extends DomainException {

    public enum Reason {
        MANY_FACES, FACE_TOO_SMALL, FACE_TOO_BLURRY,
        /** Enrollment: the liveness score is below the organization's threshold. */
        NOT_LIVE,
        /** Enrollment: the face touches the image's edge (cut off; its liveness cannot be checked). */
        FACE_AT_BORDER,
        /** Enrollment: a greyscale image, whose liveness cannot be checked. */
        GREYSCALE_IMAGE,
        /** Enrollment: the head is turned or tilted beyond the organization's limits. */
        FACE_NOT_FRONTAL,
        /** Enrollment: both eyes look closed. */
        EYES_CLOSED
    }

    private final Reason reason;

    public FaceRejectedException(Reason reason, String message) {
        super(Kind.UNPROCESSABLE, reason.name().toLowerCase(Locale.ROOT), message, Map.of());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
