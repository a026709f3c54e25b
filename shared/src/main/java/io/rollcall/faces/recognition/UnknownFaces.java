package io.rollcall.faces.recognition;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.faces.FaceMedia;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Crops of faces nobody could be matched to, kept for review: face_images UNKNOWN (user_id NULL) + the JPEG. */
@Component
public class UnknownFaces {

    static final int PURGE_CHUNK = 1_000;

    private final JdbcClient jdbc;
    private final FaceMedia media;
    private final OrganizationSettingsService settings;

    public UnknownFaces(JdbcClient jdbc, FaceMedia media, OrganizationSettingsService settings) {
        this.jdbc = jdbc;
        this.media = media;
        this.settings = settings;
    }

    public static String key(UUID organizationId, UUID imageId) {
        return "faces/%s/unknown/%s.jpg".formatted(organizationId, imageId);
    }

    /** Idempotent by {@code imageId}: a retried frame stores the same crop under the same id once. */
    public String store(UUID imageId, UUID organizationId, UUID cameraId, Instant capturedAt, byte[] cropJpeg) {
        String key = key(organizationId, imageId);
        media.put(key, cropJpeg, "image/jpeg");
        jdbc.sql("""
                INSERT INTO face_images (id, organization_id, user_id, image_type, file_path, captured_at, camera_id)
                VALUES (?, ?, NULL, 'UNKNOWN', ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                .params(imageId, organizationId, key, Timestamp.from(capturedAt), cameraId)
                .update();
        return key;
    }

    /**
     * Deletes the unknown faces each organization no longer keeps (its retention.unknown_faces_days): rows
     * first, then their crops, so an event never links to a row whose crop is gone. Returns how many.
     */
    public long purgeExpired(Instant now) {
        long deleted = 0;
        for (UUID org : jdbc.sql("SELECT id FROM organizations").query(UUID.class).list()) {
            Instant cutoff = now.minus(Duration.ofDays(settings.forOrganization(org).unknownFaceRetentionDays()));
            List<String> keys;
            do {
                keys = jdbc.sql("""
                        DELETE FROM face_images WHERE id IN (
                            SELECT id FROM face_images
                            WHERE organization_id = ? AND image_type = 'UNKNOWN' AND created_at < ? LIMIT ?)
                        RETURNING file_path""")
                        .params(org, Timestamp.from(cutoff), PURGE_CHUNK).query(String.class).list();
                keys.forEach(media::delete);
                deleted += keys.size();
            } while (keys.size() == PURGE_CHUNK);
        }
        return deleted;
    }
}
