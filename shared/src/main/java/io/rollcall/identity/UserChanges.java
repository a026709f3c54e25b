package io.rollcall.identity;

/** A partial update of a user by an ADMIN: a null field stays as it is; an empty email clears it. */
public record UserChanges(String role, String email, Boolean active) {
}
