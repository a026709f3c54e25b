package io.rollcall.identity.sessions;

import java.util.UUID;

import io.rollcall.identity.UserLifecycleListener;
import org.springframework.stereotype.Component;

/**
 * Ends a user's sessions when their access changes: deactivated, deleted, demoted or a new password. Their refresh
 * tokens are revoked at once (inside the change's transaction) and their access tokens are cut off, which every
 * function instance notices within {@link AccessCutoffs#CACHE_FOR}.
 */
@Component
public class SessionRevoker implements UserLifecycleListener {

    private final RefreshSessions sessions;

    public SessionRevoker(RefreshSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void userDeactivated(UUID organizationId, UUID userId) {
        sessions.endAll(organizationId, userId);
    }

    @Override
    public void userDeleted(UUID organizationId, UUID userId) {
        sessions.endAll(organizationId, userId);
    }

    @Override
    public void userAccessChanged(UUID organizationId, UUID userId) {
        sessions.endAll(organizationId, userId);
    }
}
