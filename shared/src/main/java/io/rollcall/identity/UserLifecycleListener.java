package io.rollcall.identity;

import java.util.UUID;

/**
 * Told when a user stops being recognizable, so their biometric data can go (the faces feature implements it).
 * Every bean of this type is called inside the transaction that changes the user, after the row changed: a
 * listener that throws rolls the change back and the caller gets an error to retry, so listeners must be
 * idempotent. Called again for a user that is already deactivated or deleted is possible and harmless.
 */
public interface UserLifecycleListener {

    /** The user can no longer log in and must no longer be recognized (they may be reactivated later). */
    void userDeactivated(UUID organizationId, UUID userId);

    /** The user is gone for good (soft-deleted): erase their face images, embeddings and index entries. */
    void userDeleted(UUID organizationId, UUID userId);

    /** The user's role or password changed: what they were signed in with must not last (sessions end). */
    default void userAccessChanged(UUID organizationId, UUID userId) {
    }

    /** The user's profile changed (HR keeps since when a person is in which department). */
    default void userProfileChanged(UUID organizationId, UUID userId, Profile before, Profile after) {
    }
}
