package io.rollcall.functions.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.rollcall.faces.gallery.GallerySettings;
import io.rollcall.faces.gallery.GalleryVectors;
import io.rollcall.faces.gallery.IndexVersions;
import io.rollcall.faces.gallery.SnapshotStore;
import io.rollcall.functions.identity.AuditQueue;
import io.rollcall.functions.retention.ApplyRetentionFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * BIPA-style retention in the hourly applyRetention run: the template of a person not seen for the
 * organization's retention.inactive_templates_days goes - rows, objects, index entry and every snapshot holding
 * it, read back from S3 - while people seen since, people enrolled since and other organizations' keep theirs.
 */
class InactiveTemplateRetentionTest extends FacesTest {

    @Autowired ApplyRetentionFunction applyRetention;
    @Autowired IndexVersions versions;
    @Autowired SnapshotStore snapshots;
    @Autowired GalleryVectors vectors;
    @Autowired GallerySettings settings;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void peopleNotSeenForTheRetentionPeriodLoseTheirTemplateAndEverySnapshotHoldingIt() {
        UUID org = organizationWithoutCaptureChecks();
        fixtures.jdbc().update("INSERT INTO system_configs (organization_id, config_key, config_value) VALUES (?, 'retention.inactive_templates_days', '30')", org);
        UUID gone = enrolledPerson(org, fixtures.photo("sample1.jpg"), 3);      // enrolled 40 days ago, last seen 35 days ago
        UUID seen = enrolledPerson(org, fixtures.photo("sample3.jpg"), 3);      // enrolled 40 days ago, seen 2 days ago
        UUID newcomer = enrolledPerson(org, fixtures.photo("sample4.jpg"), 3);  // enrolled today, never seen
        enrolledAgo(gone, 40);
        enrolledAgo(seen, 40);
        seenAgo(org, gone, 35);
        seenAgo(org, seen, 2);
        UUID lenient = organizationWithoutCaptureChecks(); // the default, 1095 days
        UUID keptByDefault = enrolledPerson(lenient, fixtures.photo("sample1.jpg"), 3);
        enrolledAgo(keptByDefault, 40);

        BiometricErasureChecks checks = new BiometricErasureChecks(env, fixtures.jdbc(), versions, snapshots, vectors, settings,
                transactions, pipeline.modelVersion());
        BiometricErasureChecks.Held held = checks.held(org, gone);
        assertThat(checks.someSnapshotHolds(org, held.vectorIds())).as("before the run").isTrue();

        var result = applyRetention.apply(new ScheduledEvent());

        assertThat(result.get("inactive_templates")).isGreaterThanOrEqualTo(1L);
        checks.assertErased(org, gone, held, 6);
        assertThat(checks.held(org, seen).vectorIds()).hasSize(3);
        assertThat(checks.held(org, newcomer).vectorIds()).hasSize(3);
        assertThat(checks.held(lenient, keptByDefault).vectorIds()).hasSize(3);
        var record = AuditQueue.find("BIOMETRICS_ERASED", gone.toString(), org);
        assertThat(record.path("userId").isNull() || record.path("userId").isMissingNode()).as("erased by the system, not a person").isTrue();
        assertThat(record.get("userAgent").asString()).isEqualTo("rollcall-system");

        // a second run finds nothing more to do in this organization
        assertThat(applyRetention.apply(new ScheduledEvent()).get("inactive_templates")).isNotNull();
        assertThat(checks.held(org, seen).vectorIds()).hasSize(3);
    }

    private void enrolledAgo(UUID person, int days) {
        fixtures.jdbc().update("UPDATE face_embeddings SET created_at = ? WHERE user_id = ?",
                Timestamp.from(Instant.now().minus(days, ChronoUnit.DAYS)), person);
    }

    private void seenAgo(UUID org, UUID person, int days) {
        Instant at = Instant.now().minus(days, ChronoUnit.DAYS);
        fixtures.jdbc().update("""
                INSERT INTO attendance_logs (id, organization_id, user_id, attendance_date, event_type, event_time, confidence)
                VALUES (?, ?, ?, ?, 'IN', ?, 90.0)""", UUID.randomUUID(), org, person, LocalDate.ofInstant(at, ZoneOffset.UTC),
                Timestamp.from(at));
    }
}
