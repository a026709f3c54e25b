package io.rollcall.faces;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reconciles the bucket's faces/ with face_images: an image is written before its row and deleted after it, so a
 * crash in between leaves an object no row names, which no deletion or retention would ever reach - a face kept
 * with nobody accountable for it. The nightly retention run deletes those once they are old enough not to be an
 * enrollment still on its way.
 */
@Service
public class OrphanedFaceObjects {

    private static final int CHUNK = 500;

    private final S3Client s3;
    private final FaceMedia media;
    private final JdbcClient jdbc;

    public OrphanedFaceObjects(S3Client s3, FaceMedia media, JdbcClient jdbc) {
        this.s3 = s3;
        this.media = media;
        this.jdbc = jdbc;
    }

    /** Deletes the faces/ objects written before {@code writtenBefore} that no face_images row names; returns how many. */
    public long delete(Instant writtenBefore) {
        long deleted = 0;
        List<String> chunk = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(media.bucket()).prefix("faces/")).contents()) {
            if (object.lastModified().isBefore(writtenBefore)) {
                chunk.add(object.key());
            }
            if (chunk.size() == CHUNK) {
                deleted += deleteUnnamed(chunk);
                chunk.clear();
            }
        }
        return deleted + deleteUnnamed(chunk);
    }

    private long deleteUnnamed(List<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        Set<String> named = new HashSet<>(jdbc.sql("SELECT file_path FROM face_images WHERE file_path IN (:keys)")
                .param("keys", keys).query(String.class).list());
        return media.deleteAll(keys.stream().filter(k -> !named.contains(k)).toList());
    }
}
