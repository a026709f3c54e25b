package io.rollcall.events;

import java.net.URL;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A short-lived GET URL for the face crop an UNKNOWN_FACE event refers to (its face_images row, same
 * organization): the crop never passes through the API, and the link stops working on its own.
 */
@Component
public class FaceCropLinks {

    private final JdbcClient jdbc;
    private final S3Presigner presigner;
    private final String bucket;

    public FaceCropLinks(JdbcClient jdbc, S3Presigner presigner, @Value("${rollcall.media-bucket}") String bucket) {
        this.jdbc = jdbc;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    public Optional<URL> forImage(UUID organizationId, UUID faceImageId, Duration lifetime) {
        return jdbc.sql("SELECT file_path FROM face_images WHERE organization_id = ? AND id = ?")
                .params(organizationId, faceImageId).query(String.class).optional()
                .map(key -> presigner.presignGetObject(p -> p.signatureDuration(lifetime)
                        .getObjectRequest(g -> g.bucket(bucket).key(key))).url());
    }
}
