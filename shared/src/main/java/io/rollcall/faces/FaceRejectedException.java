package io.rollcall.faces;

import java.util.Locale;
import java.util.Map;

import io.rollcall.domain.DomainException;

/** The image decoded and has faces, but not the face(s) the operation needs; {@link #reason()} says why (422). */
public class FaceRejectedException extends DomainException {

    public enum Reason { MANY_FACES, FACE_TOO_SMALL, FACE_TOO_BLURRY }

    private final Reason reason;

    public FaceRejectedException(Reason reason, String message) {
        super(Kind.UNPROCESSABLE, reason.name().toLowerCase(Locale.ROOT), message, Map.of());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
