package io.rollcall.identity;

import java.util.Map;

import io.rollcall.domain.DomainException;

/**
 * A request identity refuses: invalid fields, a row that does not exist (or belongs to another organization,
 * which must look the same), a conflict such as a duplicate username, a failed login or a locked username.
 * The platform command prints the message.
 */
public class IdentityException extends DomainException {

    private IdentityException(Kind kind, String message, Map<String, String> fields) {
        super(kind, null, message, fields);
    }

    public static IdentityException invalid(Map<String, String> fields) {
        return new IdentityException(Kind.INVALID, "some fields are invalid", fields);
    }

    public static IdentityException invalid(String field, String problem) {
        return invalid(Map.of(field, problem));
    }

    public static IdentityException notFound(String what) {
        return new IdentityException(Kind.NOT_FOUND, what + " not found", Map.of());
    }

    public static IdentityException conflict(String message) {
        return new IdentityException(Kind.CONFLICT, message, Map.of());
    }

    /** The one answer for every failed login: it must not tell an unknown user from a wrong password. */
    public static IdentityException unauthenticated() {
        return new IdentityException(Kind.UNAUTHENTICATED, "invalid username or password", Map.of());
    }

    /** Too many failed logins for this username: the same for real and unknown usernames. */
    public static IdentityException locked() {
        return new IdentityException(Kind.LOCKED, "too many failed logins; try again later", Map.of());
    }
}
