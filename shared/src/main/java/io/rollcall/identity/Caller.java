package io.rollcall.identity;

import java.util.UUID;

/**
 * Who is calling, as the verified access token says. The organization of every tenant query comes from here,
 * never from the request.
 */
public record Caller(UUID userId, UUID organizationId, Role role) {

    public boolean is(Role other) {
        return role == other;
    }
}
