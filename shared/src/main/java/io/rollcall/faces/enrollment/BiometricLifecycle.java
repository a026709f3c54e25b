package io.rollcall.faces.enrollment;

import java.util.List;
import java.util.UUID;

import io.rollcall.faces.FaceMedia;
import io.rollcall.faces.gallery.Gallery;
import org.springframework.stereotype.Component;

/**
 * What happens to a person's biometric data when identity changes the person: deleting erases their images,
 * embeddings and index entries; deactivating takes their vectors out of the index (the rows stay, so
 * {@link #userReactivated} can put them back). Matching also checks the user is active, whatever the index says.
 *
 * <p>Written against identity's {@code io.rollcall.identity.UserLifecycleListener} (userDeactivated, userDeleted),
 * which is not on main yet: once it is, this class implements it.
 */
@Component
public class BiometricLifecycle {

    private final FaceImages images;
    private final FaceMedia media;
    private final Gallery gallery;

    public BiometricLifecycle(FaceImages images, FaceMedia media, Gallery gallery) {
        this.images = images;
        this.media = media;
        this.gallery = gallery;
    }

    public void userDeactivated(UUID organizationId, UUID userId) {
        gallery.change(organizationId, change -> {
            change.removeAll(images.embeddingIds(organizationId, userId));
            return null;
        });
    }

    /** Not part of identity's listener yet: puts a reactivated user's vectors back in the index. */
    public void userReactivated(UUID organizationId, UUID userId) {
        gallery.change(organizationId, change -> {
            change.removeAll(images.embeddingIds(organizationId, userId)); // never twice in the index
            for (FaceImages.Embedding e : images.embeddings(organizationId, userId, gallery.modelVersion())) {
                change.add(e.indexId(), e.vector());
            }
            return null;
        });
    }

    public void userDeleted(UUID organizationId, UUID userId) {
        List<String> keys = gallery.change(organizationId, change -> {
            change.removeAll(images.embeddingIds(organizationId, userId));
            return images.deleteAllOf(organizationId, userId);
        });
        keys.forEach(media::delete);
    }
}
