package io.rollcall.identity;

import java.time.Instant;
import java.util.UUID;

/** A user as callers see them: never the password hash. faissUserId is this user's id in the face index. */
public record User(UUID id, UUID organizationId, String username, String email, Role role, boolean active,
                   Profile profile, int faissUserId, Instant createdAt, Instant updatedAt) {
}
