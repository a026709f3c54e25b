package io.rollcall.identity;

import java.util.UUID;

/**
 * Who performs a mutation and from where, for the audit trail: the caller's organization and user (from the
 * verified token), the client's IP and user agent. The platform command acts with no user.
 */
public record Actor(UUID organizationId, UUID userId, String ipAddress, String userAgent) {

    public static Actor of(Caller caller, String ipAddress, String userAgent) {
        return new Actor(caller.organizationId(), caller.userId(), ipAddress, userAgent);
    }

    public static Actor platform(UUID organizationId) {
        return new Actor(organizationId, null, null, "rollcall-platform");
    }
}
