package io.rollcall.domain;

import java.util.Map;

/**
 * A request the domain refuses: its {@link Kind} says what went wrong in words every caller understands, its
 * code is the stable machine-readable reason (e.g. {@code validation_failed}, {@code no_face}), and its fields
 * name the offending inputs. The HTTP edge maps the kind to a status in one place ({@code HttpApi}); queue
 * consumers log the message and dead-letter. Anything that is not a DomainException is a bug, never the
 * caller's fault.
 */
public class DomainException extends RuntimeException {

    public enum Kind {
        /** Input that breaks a rule (400). */
        INVALID("validation_failed"),
        /** A row that does not exist, or belongs to another organization, which must look the same (404). */
        NOT_FOUND("not_found"),
        /** The state of the data forbids it: a duplicate, a limit reached (409). */
        CONFLICT("conflict"),
        /** Well-formed input that cannot be processed, such as an image without a usable face (422). */
        UNPROCESSABLE("unprocessable"),
        /** A media type that is not accepted (415). */
        UNSUPPORTED("unsupported_media_type"),
        /** Over a size limit (413). */
        TOO_LARGE("payload_too_large"),
        /** Credentials that do not prove who the caller is (401). */
        UNAUTHENTICATED("unauthorized"),
        /** Too many attempts; try later (429). */
        LOCKED("too_many_requests");

        private final String defaultCode;

        Kind(String defaultCode) {
            this.defaultCode = defaultCode;
        }

        public String defaultCode() {
            return defaultCode;
        }
    }

    private final Kind kind;
    private final String code;
    private final Map<String, String> fields;

    protected DomainException(Kind kind, String code, String message, Map<String, String> fields) {
        super(message);
        this.kind = kind;
        this.code = code == null ? kind.defaultCode() : code;
        this.fields = Map.copyOf(fields);
    }

    protected DomainException(Kind kind, String message) {
        this(kind, null, message, Map.of());
    }

    public static DomainException invalid(Map<String, String> fields) {
        return new DomainException(Kind.INVALID, null, "some fields are invalid", fields);
    }

    public static DomainException invalid(String field, String problem) {
        return invalid(Map.of(field, problem));
    }

    public static DomainException notFound(String what) {
        return new DomainException(Kind.NOT_FOUND, what + " not found");
    }

    public static DomainException conflict(String message) {
        return new DomainException(Kind.CONFLICT, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The machine-readable reason: the kind's default, or a more specific one such as {@code no_face}. */
    public String code() {
        return code;
    }

    /** Each offending field with its problem; empty when the refusal is not about fields. */
    public Map<String, String> fields() {
        return fields;
    }
}
