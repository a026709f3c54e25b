package io.rollcall.faces.enrollment;

import io.rollcall.domain.DomainException;

/** An enrollment the state of the data forbids: an unknown user (not found) or a rule such as the image limit (conflict). */
public class EnrollmentException extends DomainException {

    private EnrollmentException(Kind kind, String message) {
        super(kind, message);
    }

    public static EnrollmentException notFound(String what) {
        return new EnrollmentException(Kind.NOT_FOUND, what + " not found");
    }

    public static EnrollmentException conflict(String message) {
        return new EnrollmentException(Kind.CONFLICT, message);
    }
}
