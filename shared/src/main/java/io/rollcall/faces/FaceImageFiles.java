package io.rollcall.faces;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The bytes of one face image (an enrolled image or an unknown/doubtful crop) of one organization, for the
 * console's thumbnails. Served through the API rather than by a presigned link so the console's
 * Content-Security-Policy can stay 'self' only; the images are small JPEGs.
 */
@Component
public class FaceImageFiles {

    private final JdbcClient jdbc;
    private final S3Client s3;
    private final FaceMedia media;

    public FaceImageFiles(JdbcClient jdbc, S3Client s3, FaceMedia media) {
        this.jdbc = jdbc;
        this.s3 = s3;
        this.media = media;
    }

    /** An image of the organization; with {@code userId}, only one enrolled for that user. */
    public Optional<byte[]> read(UUID organizationId, UUID imageId, UUID userId) {
        Optional<String> key = jdbc.sql("""
                SELECT file_path FROM face_images
                WHERE organization_id = :org AND id = :id AND (CAST(:user AS uuid) IS NULL OR user_id = :user)""")
                .param("org", organizationId).param("id", imageId).param("user", userId)
                .query(String.class).optional();
        return key.flatMap(k -> {
            try {
                return Optional.of(s3.getObjectAsBytes(b -> b.bucket(media.bucket()).key(k)).asByteArray());
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }
}
