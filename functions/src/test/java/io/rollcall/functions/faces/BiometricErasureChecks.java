package io.rollcall.functions.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.rollcall.faces.FaceModelVersion;
import io.rollcall.faces.gallery.Gallery;
import io.rollcall.faces.gallery.GallerySettings;
import io.rollcall.faces.gallery.GalleryVectors;
import io.rollcall.faces.gallery.IndexVersions;
import io.rollcall.faces.gallery.SnapshotStore;
import io.rollcall.faces.index.FaissIndex;
import io.rollcall.faces.index.SearchResult;
import io.rollcall.testing.TestEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * "Erased" checked where the data lives: no row, no image object, and no snapshot in the bucket holding the
 * person's vectors - every snapshot read back from S3 into FAISS, and the current one loaded by a fresh Gallery
 * (another instance's view) that must come from the snapshot and not find the person's vectors.
 */
record BiometricErasureChecks(TestEnvironment env, JdbcTemplate jdbc, IndexVersions versions, SnapshotStore snapshots,
                              GalleryVectors vectors, GallerySettings settings, PlatformTransactionManager transactions,
                              String modelVersion) {

    /** The person's vector ids and image keys now (call before erasing). */
    Held held(UUID org, UUID person) {
        return new Held(jdbc.queryForList("SELECT embedding_index FROM face_embeddings WHERE user_id = ?", Long.class, person),
                jdbc.queryForList("SELECT file_path FROM face_images WHERE user_id = ?", String.class, person),
                jdbc.queryForList("SELECT embedding FROM face_embeddings WHERE user_id = ?", byte[].class, person)
                        .stream().map(GalleryVectors::decode).toList());
    }

    record Held(List<Long> vectorIds, List<String> imageKeys, List<float[]> vectors) {
    }

    /** True when some snapshot of the organization in the bucket holds one of the ids (the "before" sanity check). */
    boolean someSnapshotHolds(UUID org, List<Long> ids) {
        try (var s3 = env.s3()) {
            for (var object : s3.listObjectsV2(r -> r.bucket(TestEnvironment.BUCKET).prefix(SnapshotStore.prefix(org))).contents()) {
                try (FaissIndex snapshot = FaissIndex.fromBytes(
                        s3.getObjectAsBytes(r -> r.bucket(TestEnvironment.BUCKET).key(object.key())).asByteArray())) {
                    if (ids.stream().anyMatch(snapshot::contains)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Nothing of {@code held} is left, and {@code expectedVectors} remain in the organization's index. */
    void assertErased(UUID org, UUID person, Held held, long expectedVectors) {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM face_images WHERE user_id = ?", Integer.class, person)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM face_embeddings WHERE user_id = ?", Integer.class, person)).isZero();
        try (var s3 = env.s3()) {
            for (String key : held.imageKeys()) {
                assertThat(s3.listObjectsV2(r -> r.bucket(TestEnvironment.BUCKET).prefix(key)).contents()).as(key).isEmpty();
            }
            var objects = s3.listObjectsV2(r -> r.bucket(TestEnvironment.BUCKET).prefix(SnapshotStore.prefix(org))).contents();
            assertThat(objects).as("the erasure published a snapshot").isNotEmpty();
            for (var object : objects) {
                try (FaissIndex snapshot = FaissIndex.fromBytes(
                        s3.getObjectAsBytes(r -> r.bucket(TestEnvironment.BUCKET).key(object.key())).asByteArray())) {
                    assertThat(held.vectorIds()).as(object.key() + " holds an erased vector").noneMatch(snapshot::contains);
                }
            }
        }
        assertThat(jdbc.queryForObject("SELECT vectors FROM face_indexes WHERE organization_id = ?", Long.class, org))
                .isEqualTo(expectedVectors);
        Gallery fresh = new Gallery(versions, snapshots, vectors, settings, transactions, new FaceModelVersion(modelVersion));
        try {
            for (float[] vector : held.vectors()) {
                SearchResult result = fresh.search(org, vector, 8);
                for (SearchResult.Hit hit : result.hits(0)) {
                    assertThat(held.vectorIds()).as("a fresh instance finds an erased vector").doesNotContain(hit.id());
                }
            }
            Gallery.Loaded loaded = fresh.loaded(org).orElseThrow();
            assertThat(loaded.vectors()).isEqualTo(expectedVectors);
            if (expectedVectors > 0) {
                assertThat(loaded.source()).as("loaded from the snapshot the erasure wrote").isEqualTo(Gallery.Source.SNAPSHOT);
            }
        } finally {
            fresh.destroy();
        }
    }
}
