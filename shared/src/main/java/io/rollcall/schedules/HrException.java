package io.rollcall.schedules;

import java.util.Map;

import io.rollcall.domain.DomainException;

/** A refusal of the HR rules (schedules, holidays, leave): always naming the field at fault. */
public class HrException extends DomainException {

    private HrException(Kind kind, String code, String message, Map<String, String> fields) {
        super(kind, code, message, fields);
    }

    public static HrException invalid(Map<String, String> fields) {
        return new HrException(Kind.INVALID, null, "some fields are invalid", fields);
    }

    public static HrException invalid(String field, String problem) {
        return invalid(Map.of(field, problem));
    }

    public static HrException notFound(String what) {
        return new HrException(Kind.NOT_FOUND, null, what + " not found", Map.of());
    }

    /** The state of the data forbids it (an overlap, a decided request), with the field that collides. */
    public static HrException conflict(String code, String field, String problem) {
        return new HrException(Kind.CONFLICT, code, problem, Map.of(field, problem));
    }

    /** A file that is not what it claims (an ICS that does not parse). */
    public static HrException unprocessable(String code, String field, String problem) {
        return new HrException(Kind.UNPROCESSABLE, code, problem, Map.of(field, problem));
    }
}
