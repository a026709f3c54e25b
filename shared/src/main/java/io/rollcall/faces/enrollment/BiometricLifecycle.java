package io.rollcall.faces.enrollment;

import java.util.List;
import java.util.UUID;

import io.rollcall.faces.FaceMedia;
import io.rollcall.faces.gallery.Gallery;
import io.rollcall.identity.UserLifecycleListener;
import org.springframework.stereotype.Component;

/**
 * Identity's hook, called inside the transaction that changes the user. Deleting erases the person's images,
 * embeddings, index entries and objects. Deactivating changes nothing here: every match is confirmed against
 * Postgres (active user, not deleted), so an inactive person is never matched from the moment their row says so,
 * and a reactivated one is matched again with no re-enrollment (identity has no reactivation hook).
 */
@Component
public class BiometricLifecycle implements UserLifecycleListener {

    private final FaceImages images;
    private final FaceMedia media;
    private final Gallery gallery;

    public BiometricLifecycle(FaceImages images, FaceMedia media, Gallery gallery) {
        this.images = images;
        this.media = media;
        this.gallery = gallery;
    }

    @Override
    public void userDeactivated(UUID organizationId, UUID userId) {
        // nothing to remove: FaceRecognizer only accepts candidates whose user is active (GalleryVectors.matchable)
    }

    /** Idempotent: a second call finds nothing left to delete. Objects go after the rows, best effort. */
    @Override
    public void userDeleted(UUID organizationId, UUID userId) {
        List<String> keys = gallery.change(organizationId, change -> {
            change.removeAll(images.embeddingIds(organizationId, userId));
            return images.deleteAllOf(organizationId, userId);
        });
        keys.forEach(media::delete);
    }
}
