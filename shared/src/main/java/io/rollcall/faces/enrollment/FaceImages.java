package io.rollcall.faces.enrollment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.rollcall.faces.gallery.GalleryVectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** face_images and face_embeddings rows of enrolled (KNOWN) faces; every query filters by organization. */
@Repository
public class FaceImages {

    /** An enrolled image as GET /users/{id}/faces lists it. */
    public record FaceImage(UUID id, UUID userId, String filePath, String modelVersion, Long embeddingIndex, Instant createdAt) {
    }

    /** A user as enrollment sees it. */
    public record Person(UUID id, boolean active) {
    }

    private final JdbcClient jdbc;

    public FaceImages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user if it exists in the organization and is not deleted. */
    public Optional<Person> person(UUID organizationId, UUID userId) {
        return jdbc.sql("""
                SELECT id, COALESCE(is_active, TRUE) FROM users
                WHERE id = ? AND organization_id = ? AND NOT COALESCE(is_deleted, FALSE)""")
                .params(userId, organizationId)
                .query((rs, i) -> new Person(rs.getObject(1, UUID.class), rs.getBoolean(2)))
                .optional();
    }

    public int countKnown(UUID organizationId, UUID userId) {
        return jdbc.sql("SELECT count(*) FROM face_images WHERE organization_id = ? AND user_id = ? AND image_type = 'KNOWN'")
                .params(organizationId, userId).query(Integer.class).single();
    }

    public List<FaceImage> list(UUID organizationId, UUID userId) {
        return jdbc.sql("""
                SELECT i.id, i.user_id, i.file_path, e.model_version, e.embedding_index, i.created_at
                FROM face_images i LEFT JOIN face_embeddings e ON e.image_id = i.id
                WHERE i.organization_id = ? AND i.user_id = ? AND i.image_type = 'KNOWN'
                ORDER BY i.created_at, i.id""")
                .params(organizationId, userId)
                .query((rs, n) -> new FaceImage(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getObject(5) == null ? null : rs.getLong(5), rs.getTimestamp(6).toInstant()))
                .list();
    }

    public Optional<FaceImage> find(UUID organizationId, UUID userId, UUID imageId) {
        return list(organizationId, userId).stream().filter(i -> i.id().equals(imageId)).findFirst();
    }

    /** Inserts the image row and its embedding; returns the embedding's index id. */
    public long insertKnown(UUID organizationId, UUID userId, UUID imageId, String filePath, float[] vector, String modelVersion) {
        jdbc.sql("""
                INSERT INTO face_images (id, organization_id, user_id, image_type, file_path, captured_at)
                VALUES (?, ?, ?, 'KNOWN', ?, ?)""")
                .params(imageId, organizationId, userId, filePath, Timestamp.from(Instant.now()))
                .update();
        return jdbc.sql("""
                INSERT INTO face_embeddings (organization_id, user_id, image_id, embedding, model_version)
                VALUES (?, ?, ?, ?, ?) RETURNING embedding_index""")
                .params(organizationId, userId, imageId, GalleryVectors.encode(vector), modelVersion)
                .query(Long.class).single();
    }

    /** Deletes one image and its embeddings; returns the index ids that must leave the index. */
    public long[] deleteImage(UUID organizationId, UUID imageId) {
        long[] ids = jdbc.sql("DELETE FROM face_embeddings WHERE organization_id = ? AND image_id = ? RETURNING embedding_index")
                .params(organizationId, imageId).query(Long.class).list().stream().mapToLong(Long::longValue).toArray();
        jdbc.sql("DELETE FROM face_images WHERE organization_id = ? AND id = ?").params(organizationId, imageId).update();
        return ids;
    }

    /** The index ids of every embedding of a user. */
    public long[] embeddingIds(UUID organizationId, UUID userId) {
        return jdbc.sql("SELECT embedding_index FROM face_embeddings WHERE organization_id = ? AND user_id = ?")
                .params(organizationId, userId).query(Long.class).list().stream().mapToLong(Long::longValue).toArray();
    }

    /** The user's embeddings of {@code modelVersion}, to put back in the index. */
    public List<Embedding> embeddings(UUID organizationId, UUID userId, String modelVersion) {
        return jdbc.sql("SELECT embedding_index, embedding FROM face_embeddings WHERE organization_id = ? AND user_id = ? AND model_version = ?")
                .params(organizationId, userId, modelVersion)
                .query((rs, i) -> new Embedding(rs.getLong(1), GalleryVectors.decode(rs.getBytes(2)))).list();
    }

    public record Embedding(long indexId, float[] vector) {
    }

    /** Deletes every image and embedding of a user; returns the object keys of the images. */
    public List<String> deleteAllOf(UUID organizationId, UUID userId) {
        jdbc.sql("DELETE FROM face_embeddings WHERE organization_id = ? AND user_id = ?").params(organizationId, userId).update();
        return jdbc.sql("DELETE FROM face_images WHERE organization_id = ? AND user_id = ? RETURNING file_path")
                .params(organizationId, userId).query(String.class).list();
    }
}
