package io.rollcall.functions.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

import io.rollcall.faces.FaceModelVersion;
import io.rollcall.faces.gallery.Gallery;
import io.rollcall.faces.gallery.GallerySettings;
import io.rollcall.faces.gallery.GalleryVectors;
import io.rollcall.faces.gallery.IndexVersions;
import io.rollcall.faces.gallery.SnapshotStore;
import io.rollcall.faces.index.IndexSpec;
import io.rollcall.faces.index.Vectors;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The gallery's memory bound (LRU by bytes over organizations' indexes) and its snapshots as files: a snapshot of
 * several multipart parts written by one instance and loaded by ranged parallel download in another, and no spool
 * file left behind. Vectors are synthetic 512-d unit vectors: the index does not care where they came from.
 */
class GalleryBudgetTest extends FacesTest {

    static final int D = 512;
    /** The AUTO test's ids: above any embedding_index this database hands out (its rows are in face_embeddings). */
    static final int ID0 = 2_000_000_000;

    @Autowired IndexVersions versions;
    @Autowired GalleryVectors vectors;
    @Autowired PlatformTransactionManager transactions;

    @TempDir
    Path spool;

    private S3Client s3;
    private SnapshotStore smallParts;

    Gallery gallery(long budgetBytes) {
        return new Gallery(versions, smallParts(), vectors, new GallerySettings(GallerySettings.Type.FLAT, D, budgetBytes, spool),
                transactions, new FaceModelVersion(pipeline.modelVersion()));
    }

    private SnapshotStore smallParts() {
        if (s3 == null) {
            s3 = env.s3();
            smallParts = new SnapshotStore(s3, TestEnvironment.BUCKET, 5, 3); // 5 MiB parts: a 6 MiB index is multipart
        }
        return smallParts;
    }

    @AfterEach
    void close() {
        if (s3 != null) {
            smallParts.destroy();
            s3.close();
        }
    }

    @Test
    void theLeastRecentlyUsedOrganizationIsEvictedWhenTheIndexesOutgrowTheBudgetAndReloadedFromItsSnapshot() throws Exception {
        Gallery gallery = gallery(3L << 20); // 3 MiB: one organization of 1,000 faces (~2 MiB), not two
        try {
            UUID a = fixtures.organization();
            UUID b = fixtures.organization();
            float[] va = enroll(gallery, a, 1_000, 31);
            assertThat(gallery.loaded(a)).isPresent();
            float[] vb = enroll(gallery, b, 1_000, 32);
            assertThat(gallery.loaded(a)).as("a, used least recently, made room for b").isEmpty();
            assertThat(gallery.loaded(b)).isPresent();
            assertThat(gallery.heldBytes()).isLessThanOrEqualTo(3L << 20);

            // a is searched again: loaded from its snapshot, right answers; now b is the one evicted
            assertThat(gallery.search(a, row(va, 417), 1).id(0, 0)).isEqualTo(417);
            assertThat(gallery.loaded(a).orElseThrow().source()).isEqualTo(Gallery.Source.SNAPSHOT);
            assertThat(gallery.loaded(b)).isEmpty();
            assertThat(gallery.search(b, row(vb, 9), 1).id(0, 0)).isEqualTo(9);
            assertThat(gallery.loaded(a)).isEmpty();
            assertThat(spoolFiles()).as("spool files are deleted after use").isZero();
        } finally {
            gallery.destroy();
        }
    }

    @Test
    void anOrganizationLargerThanTheBudgetStaysLoadedWhileItIsTheOneInUse() {
        Gallery gallery = gallery(1L << 20);
        try {
            UUID big = fixtures.organization();
            float[] v = enroll(gallery, big, 1_000, 33);
            assertThat(gallery.loaded(big)).isPresent();
            assertThat(gallery.search(big, row(v, 5), 1).id(0, 0)).isEqualTo(5);
            assertThat(gallery.loaded(big)).isPresent();
        } finally {
            gallery.destroy();
        }
    }

    @Test
    void aSnapshotOfSeveralPartsWrittenByOneInstanceIsLoadedByAnother() throws Exception {
        Gallery writer = gallery(1L << 30);
        Gallery reader = gallery(1L << 30);
        try {
            UUID org = fixtures.organization();
            float[] v = enroll(writer, org, 3_000, 34); // ~6 MiB: two 5 MiB parts
            String key = SnapshotStore.key(org, 1);
            assertThat(s3.headObject(b -> b.bucket(TestEnvironment.BUCKET).key(key)).eTag()).endsWith("-2\"");
            Random random = new Random(35);
            for (int round = 0; round < 20; round++) {
                int i = random.nextInt(3_000);
                assertThat(reader.search(org, row(v, i), 1).id(0, 0)).as("seed 35, round %d", round).isEqualTo(i);
            }
            assertThat(reader.loaded(org).orElseThrow().source()).isEqualTo(Gallery.Source.SNAPSHOT);
            assertThat(reader.loaded(org).orElseThrow().vectors()).isEqualTo(3_000);
            assertThat(spoolFiles()).isZero();
        } finally {
            writer.destroy();
            reader.destroy();
        }
    }

    @Test
    void underAutoAnOrganizationCrossingTheLineStaysExactUntilCompactionBuildsItsGraphOutsideTheLock() {
        Gallery gallery = new Gallery(versions, smallParts(), vectors,
                new GallerySettings(GallerySettings.Type.AUTO, D, 1L << 30, spool), transactions,
                new FaceModelVersion(pipeline.modelVersion()));
        try {
            UUID org = fixtures.organization();
            UUID person = fixtures.user(org);
            int below = IndexSpec.HNSW_THRESHOLD - 1;
            float[] v = enrollStored(gallery, org, person, 0, below, 36);
            assertThat(gallery.loaded(org).orElseThrow().factory()).isEqualTo("IDMap2,Flat");
            float[] last = enrollStored(gallery, org, person, below, 1, 37); // the 50,000th face
            assertThat(gallery.loaded(org).orElseThrow().factory()).as("no graph is built in the enrollment")
                    .isEqualTo("IDMap2,Flat");

            // the graph is built outside the lock; an erasure meanwhile publishes a new base, and the graph, which
            // may hold the erased vector, is thrown away
            Gallery.PreparedGraph early = gallery.prepareGraph(org).orElseThrow();
            gallery.change(org, change -> {
                change.remove(ID0 + 5);
                return null;
            });
            enrollStored(gallery, org, person, 5, 1, 40); // id 5 again, another vector: 50,000 faces still
            assertThat(gallery.publishGraph(early)).as("an erasure came between").isFalse();
            assertThat(gallery.loaded(org).orElseThrow().factory()).isEqualTo("IDMap2,Flat");
            assertThat(gallery.search(org, row(v, 5), 1).id(0, 0)).as("the erased vector is nowhere").isNotEqualTo(ID0 + 5);

            assertThat(gallery.compactAll()).as("compactFaceIndexes converts it").isEqualTo(1);
            Gallery.Loaded loaded = gallery.loaded(org).orElseThrow();
            assertThat(loaded.factory()).isEqualTo("IDMap2,HNSW32,SQfp16");
            assertThat(loaded.vectors()).isEqualTo(IndexSpec.HNSW_THRESHOLD);
            assertThat(fixtures.jdbc().queryForObject("SELECT index_kind FROM face_indexes WHERE organization_id = ?",
                    String.class, org)).isEqualTo("HNSW_FP16");
            assertThat(gallery.search(org, last, 1).id(0, 0)).isEqualTo(ID0 + below);
            Random random = new Random(38);
            int found = 0;
            for (int round = 0; round < 50; round++) {
                int i = random.nextInt(below);
                found += gallery.search(org, row(v, i), 1).id(0, 0) == ID0 + i ? 1 : 0;
            }
            // random 512-d vectors are the graph's worst case; a stored vector still finds itself almost always
            assertThat(found).as("seed 38: stored vectors found by themselves").isGreaterThanOrEqualTo(47);
            assertThat(gallery.compactAll()).as("nothing left to convert").isZero();

            // adding to the graph is fine in a request; an erasure does not rebuild the graph there: the index
            // turns exact, without the vector (50,000 left: still a graph's size)
            enrollStored(gallery, org, person, below + 1, 1, 39);
            assertThat(gallery.loaded(org).orElseThrow().factory()).isEqualTo("IDMap2,HNSW32,SQfp16");
            gallery.change(org, change -> {
                change.remove(ID0 + below);
                return null;
            });
            assertThat(gallery.loaded(org).orElseThrow().factory()).isEqualTo("IDMap2,Flat");
            assertThat(gallery.search(org, last, 1).id(0, 0)).isNotEqualTo(ID0 + below);
            assertThat(fixtures.jdbc().queryForObject("SELECT index_kind FROM face_indexes WHERE organization_id = ?",
                    String.class, org)).isEqualTo("FLAT");
            // compaction builds the graph again, outside the lock: an enrollment meanwhile (a delta on the same
            // base) does not wait for it and is caught up when the graph is published
            Gallery.PreparedGraph again = gallery.prepareGraph(org).orElseThrow();
            long prepared = again.version();
            float[] meanwhile = enrollStored(gallery, org, person, below + 2, 1, 41);
            assertThat(gallery.publishGraph(again)).isTrue();
            Gallery.Loaded converted = gallery.loaded(org).orElseThrow();
            assertThat(converted.factory()).isEqualTo("IDMap2,HNSW32,SQfp16");
            assertThat(converted.version()).as("published at the version after the enrollment").isEqualTo(prepared + 1);
            assertThat(converted.vectors()).isEqualTo(IndexSpec.HNSW_THRESHOLD + 1);
            assertThat(gallery.search(org, meanwhile, 1).id(0, 0)).isEqualTo(ID0 + below + 2);
            assertThat(gallery.search(org, last, 1).id(0, 0)).isNotEqualTo(ID0 + below);
            assertThat(gallery.compactAll()).as("nothing left to do").isZero();
            Gallery reader = new Gallery(versions, smallParts(), vectors,
                    new GallerySettings(GallerySettings.Type.AUTO, D, 1L << 30, spool), transactions,
                    new FaceModelVersion(pipeline.modelVersion()));
            try {
                assertThat(reader.search(org, meanwhile, 1).id(0, 0)).isEqualTo(ID0 + below + 2);
                assertThat(reader.loaded(org).orElseThrow().source()).as("one base snapshot, no deltas")
                        .isEqualTo(Gallery.Source.SNAPSHOT);
                assertThat(reader.loaded(org).orElseThrow().factory()).isEqualTo("IDMap2,HNSW32,SQfp16");
            } finally {
                reader.destroy();
            }
        } finally {
            gallery.destroy();
        }
    }

    // one change adding n random unit vectors under ids 0..n-1; returns them
    private float[] enroll(Gallery gallery, UUID org, int n, long seed) {
        return enroll(gallery, org, 0, n, seed);
    }

    // one change adding n random unit vectors under ids first..first+n-1; returns them
    private float[] enroll(Gallery gallery, UUID org, int first, int n, long seed) {
        Random random = new Random(seed);
        float[] all = new float[n * D];
        for (int i = 0; i < all.length; i++) {
            all[i] = (float) random.nextGaussian();
        }
        Vectors.normalize(all, D);
        gallery.change(org, change -> {
            for (int i = 0; i < n; i++) {
                change.add(first + i, row(all, i));
            }
            return null;
        });
        return all;
    }

    /**
     * Like {@link #enroll(Gallery, UUID, int, int, long)} under ids {@link #ID0} + first..., and, for a few faces, with
     * their face_embeddings rows, as an enrollment has: a reader applying deltas (and compaction's private copy)
     * reads their vectors from Postgres. The ids are far above the embedding sequence's values in this database.
     */
    private float[] enrollStored(Gallery gallery, UUID org, UUID person, int first, int n, long seed) {
        Random random = new Random(seed);
        float[] all = new float[n * D];
        for (int i = 0; i < all.length; i++) {
            all[i] = (float) random.nextGaussian();
        }
        Vectors.normalize(all, D);
        if (n <= 10) {
            for (int i = 0; i < n; i++) {
                fixtures.jdbc().update("""
                        INSERT INTO face_embeddings (organization_id, user_id, embedding, model_version, embedding_index)
                        VALUES (?, ?, ?, ?, ?)""", org, person, GalleryVectors.encode(row(all, i)), pipeline.modelVersion(),
                        ID0 + first + i);
            }
        }
        gallery.change(org, change -> {
            for (int i = 0; i < n; i++) {
                change.add(ID0 + first + i, row(all, i));
            }
            return null;
        });
        return all;
    }

    private long spoolFiles() throws Exception {
        try (var files = Files.list(spool)) {
            return files.count();
        }
    }

    private static float[] row(float[] all, int i) {
        return java.util.Arrays.copyOfRange(all, i * D, (i + 1) * D);
    }
}
