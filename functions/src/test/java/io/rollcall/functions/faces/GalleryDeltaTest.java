package io.rollcall.functions.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.rollcall.faces.FaceModelVersion;
import io.rollcall.faces.gallery.Gallery;
import io.rollcall.faces.gallery.GallerySettings;
import io.rollcall.faces.gallery.GalleryVectors;
import io.rollcall.faces.gallery.IndexVersions;
import io.rollcall.faces.gallery.SnapshotStore;
import io.rollcall.faces.index.FaissIndex;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Incremental snapshots: a large organization's enrollment writes a delta on its base snapshot, readers load base
 * plus deltas, compaction writes a new base without stranding a reader of the old one, and an erasure still leaves
 * no snapshot holding the erased vector. "Large" is lowered to every organization here (deltas from 0 vectors,
 * compaction at 3, at most 10), on random unit vectors the index finds exactly (FLAT).
 */
class GalleryDeltaTest extends FacesTest {

    static final GallerySettings.Deltas SMALL = new GallerySettings.Deltas(0, 3, 10);

    @Autowired IndexVersions versions;
    @Autowired SnapshotStore snapshots;
    @Autowired GalleryVectors vectors;
    @Autowired GallerySettings settings;
    @Autowired PlatformTransactionManager transactions;

    final Random random = new Random(7);
    final List<Gallery> instances = new ArrayList<>();
    UUID org;
    UUID person;

    @BeforeEach
    void organization() {
        org = organizationWithoutCaptureChecks();
        person = fixtures.user(org);
    }

    @AfterEach
    void closeInstances() {
        instances.forEach(Gallery::destroy);
    }

    /** What one Lambda instance holds, with the lowered thresholds. */
    Gallery instance() {
        Gallery gallery = new Gallery(versions, snapshots, vectors, settings.withDeltas(SMALL), transactions,
                new FaceModelVersion(pipeline.modelVersion()));
        instances.add(gallery);
        return gallery;
    }

    /** Stores {@code count} new random embeddings of the person and adds them to the index in one change. */
    Map<Long, float[]> enroll(Gallery gallery, int count) {
        Map<Long, float[]> added = new java.util.LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            float[] v = unitVector();
            Long id = fixtures.jdbc().queryForObject("""
                    INSERT INTO face_embeddings (organization_id, user_id, embedding, model_version)
                    VALUES (?, ?, ?, ?) RETURNING embedding_index""", Long.class,
                    org, person, GalleryVectors.encode(v), pipeline.modelVersion());
            added.put(id, v);
        }
        gallery.change(org, change -> {
            added.forEach(change::add);
            return null;
        });
        return added;
    }

    float[] unitVector() {
        float[] v = new float[gallery().dimension()];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    Gallery gallery() {
        return instances.isEmpty() ? instance() : instances.get(0);
    }

    Map<String, Object> row() {
        return fixtures.jdbc().queryForMap(
                "SELECT version, base_version, delta_vectors, snapshot_key, vectors FROM face_indexes WHERE organization_id = ?", org);
    }

    List<String> snapshotKeys() {
        try (var s3 = env.s3()) {
            return s3.listObjectsV2(r -> r.bucket(TestEnvironment.BUCKET).prefix(SnapshotStore.prefix(org))).contents()
                    .stream().map(o -> o.key()).sorted().toList();
        }
    }

    int deltaRows() {
        return fixtures.jdbc().queryForObject("SELECT count(*) FROM face_index_deltas WHERE organization_id = ?", Integer.class, org);
    }

    static void assertFinds(Gallery gallery, UUID org, Map<Long, float[]> enrolled) {
        enrolled.forEach((id, v) -> assertThat(gallery.search(org, v, 1).ids()[0]).as("vector %d", id).isEqualTo(id));
    }

    @Test
    void anEnrollmentOnABaseSnapshotWritesADeltaRowAndAnotherInstanceLoadsBaseAndDeltas() {
        Gallery writer = instance();
        Map<Long, float[]> enrolled = new java.util.HashMap<>(enroll(writer, 5)); // no base yet: a whole snapshot
        assertThat(snapshotKeys()).containsExactly(SnapshotStore.key(org, 1));

        enrolled.putAll(enroll(writer, 1));
        enrolled.putAll(enroll(writer, 1));

        assertThat(snapshotKeys()).as("no snapshot written for the deltas").containsExactly(SnapshotStore.key(org, 1));
        assertThat(row()).containsEntry("version", 3L).containsEntry("base_version", 1L).containsEntry("delta_vectors", 2)
                .containsEntry("snapshot_key", SnapshotStore.key(org, 1)).containsEntry("vectors", 7);
        assertThat(deltaRows()).isEqualTo(2);

        Gallery reader = instance();
        assertFinds(reader, org, enrolled);
        Gallery.Loaded loaded = reader.loaded(org).orElseThrow();
        assertThat(loaded.source()).isEqualTo(Gallery.Source.SNAPSHOT_WITH_DELTAS);
        assertThat(loaded.version()).isEqualTo(3);
        assertThat(loaded.vectors()).isEqualTo(7);
    }

    @Test
    void compactionWritesANewBaseOfTheSameVersionAndKeepsTheOldBaseForReadersLoadingIt() {
        Gallery writer = instance();
        Map<Long, float[]> enrolled = new java.util.HashMap<>(enroll(writer, 5));
        for (int i = 0; i < 3; i++) {
            enrolled.putAll(enroll(writer, 1));
        }
        assertThat(instance().compactAll()).as("deltas of 3 vectors reach the compaction threshold").isPositive();

        assertThat(row()).containsEntry("version", 4L).containsEntry("base_version", 4L).containsEntry("delta_vectors", 0)
                .containsEntry("snapshot_key", SnapshotStore.key(org, 4));
        // a reader that read the row before the compaction still finds its base and its deltas
        assertThat(snapshotKeys()).containsExactly(SnapshotStore.key(org, 1), SnapshotStore.key(org, 4));
        assertThat(deltaRows()).isEqualTo(3);
        try (var s3 = env.s3(); FaissIndex base = FaissIndex.fromBytes(s3.getObjectAsBytes(
                b -> b.bucket(TestEnvironment.BUCKET).key(SnapshotStore.key(org, 4))).asByteArray())) {
            assertThat(base.size()).isEqualTo(8);
        }
        assertThat(writer.loaded(org).orElseThrow().version()).as("the version did not move").isEqualTo(4);
        Gallery reader = instance();
        assertFinds(reader, org, enrolled);
        assertThat(reader.loaded(org).orElseThrow().source()).isEqualTo(Gallery.Source.SNAPSHOT);

        // the next base drops what only readers of the first could need
        enrolled.putAll(enroll(writer, 3));
        assertThat(reader.compact(org)).isTrue();
        assertThat(snapshotKeys()).containsExactly(SnapshotStore.key(org, 4), SnapshotStore.key(org, 5));
        assertThat(deltaRows()).isEqualTo(1);
        assertThat(reader.compact(org)).as("nothing left to compact").isFalse();
        assertFinds(instance(), org, enrolled);
    }

    @Test
    void aWriterWritesAWholeSnapshotRatherThanLetTheDeltasPassTheirMaximum() {
        Gallery writer = instance();
        enroll(writer, 5);
        enroll(writer, 4);
        enroll(writer, 4);
        assertThat(row()).containsEntry("version", 3L).containsEntry("delta_vectors", 8);

        enroll(writer, 4); // 12 > 10

        assertThat(row()).containsEntry("version", 4L).containsEntry("base_version", 4L).containsEntry("delta_vectors", 0)
                .containsEntry("snapshot_key", SnapshotStore.key(org, 4)).containsEntry("vectors", 17);
        assertThat(deltaRows()).as("kept for readers of base v1, until the next base").isEqualTo(2);
    }

    @Test
    void anErasureOverDeltasWritesAWholeSnapshotAndLeavesNoObjectOrDeltaHoldingTheErasedVector() {
        Gallery writer = instance();
        enroll(writer, 5);
        Map<Long, float[]> later = enroll(writer, 2);
        long erased = later.keySet().iterator().next();

        fixtures.jdbc().update("DELETE FROM face_embeddings WHERE embedding_index = ?", erased);
        writer.change(org, change -> {
            change.remove(erased);
            return null;
        });

        assertThat(row()).containsEntry("version", 3L).containsEntry("base_version", 3L).containsEntry("delta_vectors", 0);
        assertThat(deltaRows()).isZero();
        assertThat(snapshotKeys()).containsExactly(SnapshotStore.key(org, 3));
        try (var s3 = env.s3(); FaissIndex base = FaissIndex.fromBytes(s3.getObjectAsBytes(
                b -> b.bucket(TestEnvironment.BUCKET).key(SnapshotStore.key(org, 3))).asByteArray())) {
            assertThat(base.contains(erased)).isFalse();
            assertThat(base.size()).isEqualTo(6);
        }
    }

    @Test
    void aReaderMissingADeltaRowRebuildsFromPostgresInsteadOfServingAnIncompleteIndex() {
        Gallery writer = instance();
        Map<Long, float[]> enrolled = new java.util.HashMap<>(enroll(writer, 5));
        enrolled.putAll(enroll(writer, 1));
        enrolled.putAll(enroll(writer, 1));
        fixtures.jdbc().update("DELETE FROM face_index_deltas WHERE organization_id = ? AND version = 2", org);

        Gallery reader = instance();
        assertFinds(reader, org, enrolled);
        assertThat(reader.loaded(org).orElseThrow().source()).isEqualTo(Gallery.Source.REBUILT);
        assertThat(reader.loaded(org).orElseThrow().vectors()).isEqualTo(7);
    }

    @Test
    void twoInstancesEnrollingAtOnceOnDeltasLoseNoVector() throws Exception {
        Gallery left = instance();
        Gallery right = instance();
        Map<Long, float[]> enrolled = new java.util.concurrent.ConcurrentHashMap<>(enroll(left, 5));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Void>> writers = List.of(left, right).stream().<Callable<Void>>map(g -> () -> {
                for (int i = 0; i < 8; i++) {
                    enrolled.putAll(enroll(g, 1));
                }
                return null;
            }).toList();
            for (Future<Void> f : pool.invokeAll(writers)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(row()).containsEntry("version", 17L).containsEntry("vectors", 21);
        Gallery reader = instance();
        assertFinds(reader, org, enrolled);
        assertThat(reader.loaded(org).orElseThrow().vectors()).isEqualTo(21);
        assertFinds(left, org, enrolled);
        assertFinds(right, org, enrolled);
    }
}
