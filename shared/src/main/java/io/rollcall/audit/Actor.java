package io.rollcall.audit;

import java.util.UUID;

/**
 * Who performs a mutation and from where, for the audit trail: the caller's organization and user (from the
 * verified token), the client's IP and user agent. The platform command acts with no user; a failed login
 * has no verified organization or user at all.
 */
public record Actor(UUID organizationId, UUID userId, String ipAddress, String userAgent) {

    public static Actor platform(UUID organizationId) {
        return new Actor(organizationId, null, null, "rollcall-platform");
    }

    /** A scheduled or queue-triggered function acting for an organization, with no person behind it. */
    public static Actor system(UUID organizationId) {
        return new Actor(organizationId, null, null, "rollcall-system");
    }
}
