package io.rollcall.functions.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.rollcall.faces.FaceMedia;
import io.rollcall.faces.FaceModelVersion;
import io.rollcall.faces.FaceRules;
import io.rollcall.faces.enrollment.BiometricLifecycle;
import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditTrail;
import io.rollcall.faces.enrollment.FaceEnrollment;
import io.rollcall.faces.enrollment.FaceImages;
import io.rollcall.faces.gallery.Gallery;
import io.rollcall.faces.gallery.GallerySettings;
import io.rollcall.faces.gallery.GalleryVectors;
import io.rollcall.faces.gallery.IndexVersions;
import io.rollcall.faces.gallery.SnapshotStore;
import io.rollcall.faces.index.FaissIndex;
import io.rollcall.faces.recognition.Decision;
import io.rollcall.faces.recognition.FaceRecognizer;
import io.rollcall.faces.recognition.RecognizedFace;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.core.sync.RequestBody;

/** The per-organization index across instances: reloads, rebuilds, concurrent writers, deactivation and deletion. */
class GalleryTest extends FacesTest {

    @Autowired Gallery gallery;
    @Autowired FaceRecognizer recognizer;
    @Autowired FaceEnrollment enrollment;
    @Autowired AuditTrail audit;
    @Autowired BiometricLifecycle lifecycle;
    @Autowired IndexVersions versions;
    @Autowired SnapshotStore snapshots;
    @Autowired GalleryVectors vectors;
    @Autowired GallerySettings settings;
    @Autowired PlatformTransactionManager transactions;
    @Autowired org.springframework.jdbc.core.JdbcTemplate applicationJdbc;
    @Autowired FaceImages images;
    @Autowired FaceMedia media;
    @Autowired FaceRules rules;
    @Autowired io.rollcall.faces.privacy.ConsentPolicy consentPolicy;

    @Test
    void anEnrollmentRacingTheDeletionOfItsPersonKeepsNoFace() throws Exception {
        UUID org = organizationWithoutCaptureChecks();
        UUID user = fixtures.user(org);
        byte[] photo = fixtures.photo("sample1.jpg");
        byte[] image = FaceFixtures.variantsOf(photo, isolatedFace(photo), 1).get(0);
        enrollment.enroll(Actor.platform(org), user, image); // the organization has an index to lock
        var tx = new TransactionTemplate(transactions);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // the deletion, as identity runs it: user row and biometric data in one transaction, not yet committed
            Future<Object> enrolling = tx.execute(status -> {
                applicationJdbc.update("UPDATE users SET is_deleted = TRUE WHERE id = ?", user); // in this transaction
                lifecycle.userDeleted(org, user);
                Future<Object> started = pool.submit(() -> enrollment.enroll(Actor.platform(org), user, image));
                // commit only once the enrollment waits for the organization's index lock, past its first user check
                await().atMost(java.time.Duration.ofSeconds(60)).until(() -> started.isDone() || fixtures.jdbc().queryForObject(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%face_indexes%'",
                        Integer.class) > 0);
                return started;
            });
            assertThat(catchThrowable(enrolling::get)).as("the enrollment is refused")
                    .hasCauseInstanceOf(io.rollcall.faces.enrollment.EnrollmentException.class);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixtures.jdbc().queryForObject("SELECT count(*) FROM face_images WHERE user_id = ?", Integer.class, user)).isZero();
        try (var s3 = env.s3()) {
            assertThat(s3.listObjectsV2(r -> r.bucket(TestEnvironment.BUCKET).prefix("faces/" + org + "/" + user + "/")).contents())
                    .as("no object of a deleted person").isEmpty();
        }
    }

    /** What a second Lambda instance would hold: its own Gallery over the same Postgres and bucket. */
    Gallery anotherInstance() {
        return new Gallery(versions, snapshots, vectors, settings, transactions, new FaceModelVersion(pipeline.modelVersion()));
    }

    @Test
    void anEnrollmentByAnotherInstanceIsNoticedAndItsSnapshotLoaded() {
        UUID org = organizationWithoutCaptureChecks();
        byte[] photo = fixtures.photo("sample1.jpg");
        enrolledPerson(org, photo, 3);
        Gallery other = anotherInstance();
        try {
            FaceEnrollment otherEnrollment = new FaceEnrollment(pipeline, rules, images, media, other, audit, consentPolicy,
                    applicationContext.getBean(io.rollcall.faces.enrollment.EnrollmentQuality.class));
            byte[] second = fixtures.photo("sample3.jpg");
            UUID newcomer = fixtures.user(org);
            var face = isolatedFace(second);
            // this instance has searched version 3 and holds it
            assertThat(recognizer.recognize(org, second)).noneMatch(f -> newcomer.equals(f.userId()));
            assertThat(gallery.loaded(org).orElseThrow().version()).isEqualTo(3);

            for (byte[] image : FaceFixtures.variantsOf(second, face, 3)) {
                otherEnrollment.enroll(Actor.platform(org), newcomer, image);
            }

            List<RecognizedFace> faces = recognizer.recognize(org, second);
            assertThat(faces).filteredOn(f -> f.face().box().equals(face)).singleElement()
                    .satisfies(f -> assertThat(f.decision()).isEqualTo(Decision.MATCH))
                    .satisfies(f -> assertThat(f.userId()).isEqualTo(newcomer));
            Gallery.Loaded loaded = gallery.loaded(org).orElseThrow();
            assertThat(loaded.version()).isEqualTo(6);
            assertThat(loaded.source()).isEqualTo(Gallery.Source.SNAPSHOT);
            assertThat(loaded.vectors()).isEqualTo(6);
        } finally {
            other.destroy();
        }
    }

    @Test
    void aCorruptSnapshotIsRebuiltFromPostgresAndRewritten() throws Exception {
        UUID org = organizationWithoutCaptureChecks();
        byte[] photo = fixtures.photo("sample1.jpg");
        UUID person = enrolledPerson(org, photo, 3);
        String key = SnapshotStore.key(org, 3);
        try (var s3 = env.s3()) {
            byte[] good = s3.getObjectAsBytes(b -> b.bucket(TestEnvironment.BUCKET).key(key)).asByteArray();
            good[good.length / 2] ^= 0x5a; // one flipped byte, under the part checksums of the good one
            var metadata = s3.headObject(b -> b.bucket(TestEnvironment.BUCKET).key(key)).metadata();
            assertThat(metadata).isNotEmpty();
            s3.putObject(b -> b.bucket(TestEnvironment.BUCKET).key(key).metadata(metadata), RequestBody.fromBytes(good));
        }
        Gallery cold = anotherInstance();
        try {
            FaceRecognizer coldRecognizer = new FaceRecognizer(pipeline, rules, cold, vectors,
                    applicationContext.getBean(io.rollcall.config.OrganizationSettingsService.class),
                    applicationContext.getBean(io.rollcall.config.ConfigStore.class));

            List<RecognizedFace> faces = coldRecognizer.recognize(org, photo);

            assertThat(faces).filteredOn(f -> f.decision() == Decision.MATCH).extracting(RecognizedFace::userId).containsExactly(person);
            assertThat(cold.loaded(org).orElseThrow().source()).isEqualTo(Gallery.Source.REBUILT);
            assertThat(cold.loaded(org).orElseThrow().vectors()).isEqualTo(3);
            try (var s3 = env.s3(); FaissIndex repaired = FaissIndex.fromBytes(
                    s3.getObjectAsBytes(b -> b.bucket(TestEnvironment.BUCKET).key(key)).asByteArray())) {
                assertThat(repaired.size()).isEqualTo(3);
            }
        } finally {
            cold.destroy();
        }
        // a missing snapshot too
        try (var s3 = env.s3()) {
            s3.deleteObject(b -> b.bucket(TestEnvironment.BUCKET).key(key));
        }
        Gallery another = anotherInstance();
        try {
            float[] query = pipeline.analyze(photo).get(0).embedding().vector();
            another.search(org, query, 1);
            assertThat(another.loaded(org).orElseThrow().source()).isEqualTo(Gallery.Source.REBUILT);
        } finally {
            another.destroy();
        }
    }

    @Test
    void concurrentEnrollmentsInTwoInstancesLoseNoVector() throws Exception {
        UUID org = organizationWithoutCaptureChecks();
        byte[] a = fixtures.photo("sample1.jpg");
        byte[] b = fixtures.photo("sample3.jpg");
        List<byte[]> first = FaceFixtures.variantsOf(a, isolatedFace(a), 3);
        List<byte[]> second = FaceFixtures.variantsOf(b, isolatedFace(b), 3);
        UUID alice = fixtures.user(org);
        UUID bob = fixtures.user(org);
        Gallery other = anotherInstance();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            FaceEnrollment otherEnrollment = new FaceEnrollment(pipeline, rules, images, media, other, audit, consentPolicy,
                    applicationContext.getBean(io.rollcall.faces.enrollment.EnrollmentQuality.class));
            Callable<Void> left = () -> {
                for (byte[] image : first) {
                    enrollment.enroll(Actor.platform(org), alice, image);
                }
                return null;
            };
            Callable<Void> right = () -> {
                for (byte[] image : second) {
                    otherEnrollment.enroll(Actor.platform(org), bob, image);
                }
                return null;
            };
            for (Future<Void> f : pool.invokeAll(List.of(left, right))) {
                f.get();
            }
            Gallery fresh = anotherInstance();
            try {
                fresh.search(org, pipeline.analyze(a).get(0).embedding().vector(), 1);
                assertThat(fresh.loaded(org).orElseThrow().source()).isEqualTo(Gallery.Source.SNAPSHOT);
                assertThat(fresh.loaded(org).orElseThrow().version()).isEqualTo(6);
                assertThat(fresh.loaded(org).orElseThrow().vectors()).isEqualTo(6);
            }
            finally {
                fresh.destroy();
            }
        } finally {
            pool.shutdown();
            other.destroy();
        }
    }

    @Test
    void aDeactivatedPersonIsNeverMatchedAndADeletedOneLeavesNoBiometricData() {
        UUID org = organizationWithoutCaptureChecks();
        byte[] photo = fixtures.photo("sample1.jpg");
        UUID person = enrolledPerson(org, photo, 3);
        List<String> keys = images.list(org, person).stream().map(FaceImages.FaceImage::filePath).toList();
        List<Long> vectorIds = fixtures.jdbc().queryForList("SELECT embedding_index FROM face_embeddings WHERE user_id = ?",
                Long.class, person);
        assertThat(vectorIds).hasSize(3);

        fixtures.jdbc().update("UPDATE users SET is_active = FALSE WHERE id = ?", person);
        lifecycle.userDeactivated(org, person);
        assertThat(recognizer.recognize(org, photo)).noneMatch(f -> person.equals(f.userId()));

        fixtures.jdbc().update("UPDATE users SET is_active = TRUE WHERE id = ?", person);
        assertThat(recognizer.recognize(org, photo)).filteredOn(f -> f.decision() == Decision.MATCH)
                .extracting(RecognizedFace::userId).containsExactly(person);

        fixtures.jdbc().update("UPDATE users SET is_deleted = TRUE WHERE id = ?", person);
        lifecycle.userDeleted(org, person);
        assertThat(fixtures.jdbc().queryForObject("SELECT count(*) FROM face_images WHERE user_id = ?", Integer.class, person)).isZero();
        assertThat(fixtures.jdbc().queryForObject("SELECT count(*) FROM face_embeddings WHERE user_id = ?", Integer.class, person)).isZero();
        try (var s3 = env.s3()) {
            for (String key : keys) {
                assertThat(s3.listObjectsV2(r -> r.bucket(TestEnvironment.BUCKET).prefix(key)).contents()).isEmpty();
            }
        }
        assertThat(fixtures.jdbc().queryForObject("SELECT vectors FROM face_indexes WHERE organization_id = ?", Integer.class, org))
                .isZero();
        // and no snapshot left in the bucket, the one before the deletion included, still holds their vectors
        try (var s3 = env.s3()) {
            var snapshotKeys = s3.listObjectsV2(r -> r.bucket(TestEnvironment.BUCKET).prefix("indexes/" + org + "/")).contents();
            assertThat(snapshotKeys).isNotEmpty();
            for (var object : snapshotKeys) {
                try (FaissIndex snapshot = FaissIndex.fromBytes(
                        s3.getObjectAsBytes(r -> r.bucket(TestEnvironment.BUCKET).key(object.key())).asByteArray())) {
                    assertThat(vectorIds).as(object.key()).noneMatch(snapshot::contains);
                }
            }
        }
    }
}
