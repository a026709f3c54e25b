package io.rollcall.faces.enrollment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.rollcall.faces.FaceMedia;
import io.rollcall.faces.gallery.Gallery;
import io.rollcall.identity.UserLifecycleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
        erase(organizationId, List.of(userId));
    }

    /** What an erasure removed. */
    public record Erased(int images, int vectors) {
    }

    /**
     * Erases the people's enrolled images, embeddings and index entries in one index change (one new snapshot,
     * and the snapshots before it pruned because the change removes vectors: no object in the bucket keeps
     * theirs), then the image objects (after the commit when the caller holds a transaction). Joins the caller's transaction when there is one. An object S3 fails to
     * delete is left to OrphanedFaceObjects: its row is gone, so nothing names it.
     */
    public Erased erase(UUID organizationId, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return new Erased(0, 0);
        }
        int[] vectors = {0};
        List<String> keys = gallery.change(organizationId, change -> {
            List<String> removed = new ArrayList<>();
            for (UUID userId : userIds) {
                long[] ids = images.embeddingIds(organizationId, userId);
                vectors[0] += ids.length;
                change.removeAll(ids);
                removed.addAll(images.deleteAllOf(organizationId, userId));
            }
            return removed;
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // in the caller's transaction: the objects go once the rows are gone for good, not before a rollback
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deleteObjects(keys);
                }
            });
        } else {
            deleteObjects(keys);
        }
        return new Erased(keys.size(), vectors[0]);
    }

    private void deleteObjects(List<String> keys) {
        try {
            media.deleteAll(keys);
        } catch (RuntimeException e) {
            keys.forEach(media::delete); // one at a time, best effort
        }
    }
}
