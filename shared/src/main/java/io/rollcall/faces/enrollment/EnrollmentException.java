package io.rollcall.faces.enrollment;

/** An enrollment the state of the data forbids: an unknown user (404) or a rule such as the image limit (409). */
public class EnrollmentException extends RuntimeException {

    public enum Kind { NOT_FOUND, CONFLICT }

    private final Kind kind;

    private EnrollmentException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static EnrollmentException notFound(String what) {
        return new EnrollmentException(Kind.NOT_FOUND, what + " not found");
    }

    public static EnrollmentException conflict(String message) {
        return new EnrollmentException(Kind.CONFLICT, message);
    }

    public Kind kind() {
        return kind;
    }
}
