package io.rollcall.faces.recognition;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import io.rollcall.faces.FaceMedia;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Crops of faces nobody could be matched to, kept for review: face_images UNKNOWN (user_id NULL) + the JPEG. */
@Component
public class UnknownFaces {

    private final JdbcClient jdbc;
    private final FaceMedia media;

    public UnknownFaces(JdbcClient jdbc, FaceMedia media) {
        this.jdbc = jdbc;
        this.media = media;
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
}
