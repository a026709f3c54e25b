package io.rollcall.faces.enrollment;

import java.util.List;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.faces.FaceMedia;
import io.rollcall.faces.FaceRules;
import io.rollcall.faces.gallery.Gallery;
import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.faces.privacy.ConsentPolicy;
import org.springframework.stereotype.Service;

/**
 * Enrolling a person's face images: one face per image, 3-5 images a person. The image goes to the media
 * bucket first (outside the lock), then its rows and its vector are added under the organization's index lock,
 * where the person and the image limit are checked again: two concurrent enrollments cannot both take the last
 * place, and a deletion that committed meanwhile (it holds the same lock) leaves nothing behind.
 * Enrolling and deleting are audited here, in the use case, so no caller can forget it.
 */
@Service
public class FaceEnrollment {

    /** What an enrollment stored. */
    public record Enrolled(UUID imageId, UUID userId, String filePath, long embeddingIndex, String modelVersion,
                           DetectedFace face, int imagesOfUser) {
    }

    private final FacePipeline pipeline;
    private final FaceRules rules;
    private final FaceImages images;
    private final FaceMedia media;
    private final Gallery gallery;
    private final AuditTrail audit;
    private final ConsentPolicy consent;
    private final EnrollmentQuality quality;

    public FaceEnrollment(FacePipeline pipeline, FaceRules rules, FaceImages images, FaceMedia media, Gallery gallery,
                          AuditTrail audit, ConsentPolicy consent, EnrollmentQuality quality) {
        this.quality = quality;
        this.pipeline = pipeline;
        this.rules = rules;
        this.images = images;
        this.media = media;
        this.gallery = gallery;
        this.audit = audit;
        this.consent = consent;
    }

    /** Enrolls one image of the person for the actor's organization. */
    public Enrolled enroll(Actor actor, UUID userId, byte[] image) {
        UUID organizationId = actor.organizationId();
        requireEnrollable(organizationId, userId); // before the pipeline: a missing or full user costs no inference
        DetectedFace face = rules.enrollable(pipeline.analyze(image, FacePipeline.Checks.ENROLLMENT));
        quality.check(organizationId, face); // live, frontal, eyes open
        UUID imageId = UUID.randomUUID();
        String extension = FaceMedia.extension(image);
        String key = "faces/%s/%s/%s.%s".formatted(organizationId, userId, imageId, extension);
        media.put(key, image, FaceMedia.contentType(extension));
        Enrolled enrolled;
        try {
            enrolled = gallery.change(organizationId, change -> {
                // again under the index lock, which a deletion holds until it commits: a person deleted while
                // their photo was analysed must not keep a face
                requireEnrollable(organizationId, userId);
                float[] vector = face.embedding().vector();
                long indexId = images.insertKnown(organizationId, userId, imageId, key, vector, pipeline.modelVersion());
                change.add(indexId, vector);
                audit.record(actor, AuditAction.FACE_ENROLLED, imageId); // commits with the face, or not at all
                return new Enrolled(imageId, userId, key, indexId, pipeline.modelVersion(), face,
                        images.countKnown(organizationId, userId));
            });
        } catch (RuntimeException e) {
            media.delete(key);
            throw e;
        }
        return enrolled;
    }

    public List<FaceImages.FaceImage> list(UUID organizationId, UUID userId) {
        requirePerson(organizationId, userId);
        return images.list(organizationId, userId);
    }

    /** Removes the image, its embedding and its index entry. */
    public void delete(Actor actor, UUID userId, UUID imageId) {
        UUID organizationId = actor.organizationId();
        requirePerson(organizationId, userId);
        String key = gallery.change(organizationId, change -> {
            FaceImages.FaceImage found = images.find(organizationId, userId, imageId)
                    .orElseThrow(() -> EnrollmentException.notFound("face image " + imageId));
            change.removeAll(images.deleteImage(organizationId, imageId));
            audit.record(actor, AuditAction.FACE_DELETED, imageId);
            return found.filePath();
        });
        media.delete(key);
    }

    private void requirePerson(UUID organizationId, UUID userId) {
        images.person(organizationId, userId).orElseThrow(() -> EnrollmentException.notFound("user " + userId));
    }

    private void requireEnrollable(UUID organizationId, UUID userId) {
        FaceImages.Person person = images.person(organizationId, userId)
                .orElseThrow(() -> EnrollmentException.notFound("user " + userId));
        if (!person.active()) {
            throw EnrollmentException.conflict("user " + userId + " is inactive; activate them before enrolling faces");
        }
        // consent step (docs/privacy.md): checked before the pipeline and again under the index lock, so a
        // withdrawal that committed meanwhile leaves no face
        consent.requireFor(organizationId, userId);
        checkLimit(organizationId, userId);
    }

    private void checkLimit(UUID organizationId, UUID userId) {
        int count = images.countKnown(organizationId, userId);
        if (count >= rules.maxImagesPerUser()) {
            throw EnrollmentException.conflict("user " + userId + " already has " + count + " face images, the most allowed is "
                    + rules.maxImagesPerUser() + "; delete one first");
        }
    }
}
