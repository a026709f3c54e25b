package io.rollcall.faces.imports;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.rollcall.faces.gallery.GalleryVectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** import_photos: every photo a job stored, so a resumed job skips it and the end of the job publishes it. */
@Repository
public class ImportPhotos {

    private final JdbcClient jdbc;

    public ImportPhotos(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID jobId, String entryName, int line, UUID imageId, long embeddingIndex) {
        jdbc.sql("""
                        INSERT INTO import_photos (job_id, entry_name, line, image_id, embedding_index)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(jobId, entryName, line, imageId, embeddingIndex).update();
    }

    /** The zip entries the job already stored. */
    public Set<String> stored(UUID jobId) {
        return new HashSet<>(jdbc.sql("SELECT entry_name FROM import_photos WHERE job_id = ?").param(jobId)
                .query(String.class).list());
    }

    /** A stored, not yet published photo's vector and owner (an erased person's are gone from face_embeddings). */
    public record Unpublished(long indexId, UUID userId, float[] vector) {
    }

    public List<Unpublished> unpublished(UUID jobId) {
        return jdbc.sql("""
                        SELECT p.embedding_index, e.user_id, e.embedding FROM import_photos p
                        JOIN face_embeddings e ON e.embedding_index = p.embedding_index
                        WHERE p.job_id = ? AND NOT p.published ORDER BY p.embedding_index""")
                .param(jobId)
                .query((rs, i) -> new Unpublished(rs.getLong(1), rs.getObject(2, UUID.class), GalleryVectors.decode(rs.getBytes(3))))
                .list();
    }

    public void markPublished(UUID jobId) {
        jdbc.sql("UPDATE import_photos SET published = TRUE WHERE job_id = ? AND NOT published").param(jobId).update();
    }
}
