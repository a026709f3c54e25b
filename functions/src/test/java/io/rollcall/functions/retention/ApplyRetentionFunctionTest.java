package io.rollcall.functions.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.rollcall.faces.recognition.UnknownFaces;
import io.rollcall.functions.FunctionTest;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

class ApplyRetentionFunctionTest extends FunctionTest {

    @Autowired ApplyRetentionFunction applyRetention;
    @Autowired UnknownFaces unknownFaces;
    @Autowired JdbcTemplate jdbc;

    @Test
    void unknownFacesAreDeletedAfterTheirOrganizationsRetentionAndNotBefore() {
        UUID strict = organization();
        UUID lenient = organization(); // the default: 30 days
        jdbc.update("INSERT INTO system_configs (organization_id, config_key, config_value) VALUES (?, 'retention.unknown_faces_days', '1')", strict);
        UUID expired = unknown(strict, 3);
        UUID recent = unknown(strict, 0);
        UUID keptByDefault = unknown(lenient, 3);

        var deleted = applyRetention.apply(new ScheduledEvent());

        assertThat(deleted.get("unknown_faces")).isGreaterThanOrEqualTo(1L);
        assertThat(row(expired)).isZero();
        assertThatThrownBy(() -> crop(strict, expired)).isInstanceOf(NoSuchKeyException.class);
        assertThat(row(recent)).isOne();
        assertThat(crop(strict, recent)).isNotEmpty();
        assertThat(row(keptByDefault)).isOne();
        assertThat(crop(lenient, keptByDefault)).isNotEmpty();
    }

    @Test
    void faceObjectsThatNoRowNamesAreDeletedOnceTheyAreOldEnough() {
        UUID org = organization();
        UUID named = unknown(org, 0);
        String orphan = "faces/" + org + "/" + UUID.randomUUID() + "/" + UUID.randomUUID() + ".jpg"; // a crash left it
        try (var s3 = env.s3()) {
            s3.putObject(r -> r.bucket(TestEnvironment.BUCKET).key(orphan), software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[] {1}));
        }

        assertThat(orphans.delete(Instant.now().minusSeconds(3600))).as("too young: maybe an enrollment on its way").isZero();
        assertThat(orphans.delete(Instant.now().plusSeconds(1))).isGreaterThanOrEqualTo(1);

        try (var s3 = env.s3()) {
            assertThat(s3.listObjectsV2(r -> r.bucket(TestEnvironment.BUCKET).prefix(orphan)).contents()).isEmpty();
        }
        assertThat(crop(org, named)).as("an object its row names stays").isNotEmpty();
    }

    @Autowired io.rollcall.faces.OrphanedFaceObjects orphans;
    @Autowired io.rollcall.faces.recognition.FrameRetention frameRetention;

    @Test
    void cameraFramesGoAfterTheirOrganizationsRetentionAndNotBefore() {
        UUID brief = organization();
        UUID usual = organization(); // the default: 24 hours
        jdbc.update("INSERT INTO system_configs (organization_id, config_key, config_value) VALUES (?, 'retention.frames_hours', '1')", brief);
        String briefFrame = io.rollcall.faces.recognition.FrameKey.newKey(brief, UUID.randomUUID(), Instant.now());
        String usualFrame = io.rollcall.faces.recognition.FrameKey.newKey(usual, UUID.randomUUID(), Instant.now());
        try (var s3 = env.s3()) {
            for (String key : List.of(briefFrame, usualFrame)) {
                s3.putObject(r -> r.bucket(TestEnvironment.BUCKET).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[] {1}));
            }
        }

        assertThat(frameRetention.purge(Instant.now())).as("nothing is an hour old yet").isZero();
        assertThat(frameRetention.purge(Instant.now().plus(java.time.Duration.ofHours(2)))).isGreaterThanOrEqualTo(1);

        try (var s3 = env.s3()) {
            assertThat(s3.listObjectsV2(r -> r.bucket(TestEnvironment.BUCKET).prefix(briefFrame)).contents()).isEmpty();
            assertThat(s3.listObjectsV2(r -> r.bucket(TestEnvironment.BUCKET).prefix(usualFrame)).contents()).hasSize(1);
        }
    }

    private UUID organization() {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO organizations (id, name, legal_name, code) VALUES (?, 'R', 'R Ltd', ?)", id, "r-" + id);
        return id;
    }

    /** An unknown face stored by recognition {@code daysAgo} days ago. */
    private UUID unknown(UUID org, int daysAgo) {
        UUID id = UUID.randomUUID();
        unknownFaces.store(id, org, null, Instant.now(), new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2});
        jdbc.update("UPDATE face_images SET created_at = now() - make_interval(days => ?) WHERE id = ?", daysAgo, id);
        return id;
    }

    private int row(UUID id) {
        return jdbc.queryForObject("SELECT count(*) FROM face_images WHERE id = ?", Integer.class, id);
    }

    private byte[] crop(UUID org, UUID id) {
        try (var s3 = env.s3()) {
            return s3.getObjectAsBytes(r -> r.bucket(TestEnvironment.BUCKET).key(UnknownFaces.key(org, id))).asByteArray();
        }
    }
}
