package io.rollcall.functions.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.rollcall.audit.Actor;
import io.rollcall.faces.gallery.GallerySettings;
import io.rollcall.faces.privacy.ConsentService;
import io.rollcall.faces.gallery.GalleryVectors;
import io.rollcall.faces.gallery.IndexVersions;
import io.rollcall.faces.gallery.SnapshotStore;
import io.rollcall.functions.RouteCalls;
import io.rollcall.functions.audit.RecordAuditFunction;
import io.rollcall.functions.identity.AuditQueue;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Consent and the rights of the people enrolled, through the routes on the real pipeline, FAISS, Postgres, S3 and
 * SQS: enrollment refused without recorded consent, a withdrawal or an executed erasure request leaving no image,
 * embedding, index entry or snapshot holding the vector, what a person sees about themself, and an erasure
 * request's trail read back from audit_logs and exported as CSV.
 */
class ConsentAndErasureTest extends FacesTest {

    @Autowired IndexVersions versions;
    @Autowired SnapshotStore snapshots;
    @Autowired GalleryVectors vectors;
    @Autowired GallerySettings settings;
    @Autowired PlatformTransactionManager transactions;
    @Autowired RecordAuditFunction recordAudit;
    @Autowired ConsentService consents;

    BiometricErasureChecks checks() {
        return new BiometricErasureChecks(env, fixtures.jdbc(), versions, snapshots, vectors, settings, transactions,
                pipeline.modelVersion());
    }

    @Test
    void anOrganizationRequiringConsentRefusesEnrollmentWithoutItAndAWithdrawalErasesEverySnapshotHoldingTheVectors() {
        UUID org = organizationWithoutCaptureChecks();
        fixtures.jdbc().update("INSERT INTO system_configs (organization_id, config_key, config_value) VALUES (?, 'privacy.consent_required', 'true')", org);
        String admin = adminToken(org);
        byte[] photo = fixtures.photo("sample1.jpg");
        List<byte[]> images = FaceFixtures.variantsOf(photo, isolatedFace(photo), 3);
        UUID person = fixtures.user(org);

        APIGatewayV2HTTPResponse refused = enroll(org, person, images.get(0));
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(409);
        assertThat(body(refused).get("error").asString()).isEqualTo("consent_required");
        assertThat(body(refused).get("fields").has("consent")).isTrue();
        assertThat(fixtures.jdbc().queryForObject("SELECT count(*) FROM face_images WHERE user_id = ?", Integer.class, person)).isZero();
        try (var s3 = env.s3()) {
            assertThat(s3.listObjectsV2(r -> r.bucket(io.rollcall.testing.TestEnvironment.BUCKET)
                    .prefix("faces/" + org + "/" + person + "/")).contents()).as("nothing half-saved").isEmpty();
        }

        // a bad consent names its field
        APIGatewayV2HTTPResponse badMethod = call("POST /users/{id}/consent", Map.of("id", person.toString()), admin,
                "{\"textVersion\":\"v1\",\"method\":\"EMAIL\"}");
        assertThat(badMethod.getStatusCode()).isEqualTo(400);
        assertThat(body(badMethod).get("fields").has("method")).isTrue();
        APIGatewayV2HTTPResponse noVersion = call("POST /users/{id}/consent", Map.of("id", person.toString()), admin,
                "{\"method\":\"PAPER\"}");
        assertThat(noVersion.getStatusCode()).isEqualTo(400);
        assertThat(body(noVersion).get("fields").has("textVersion")).isTrue();
        APIGatewayV2HTTPResponse badDate = call("POST /users/{id}/consent", Map.of("id", person.toString()), admin,
                "{\"textVersion\":\"v1\",\"method\":\"PAPER\",\"consentedAt\":\"yesterday\"}");
        assertThat(body(badDate).get("fields").has("consentedAt")).isTrue();
        // an OPERATOR sees consent but may not record it
        assertThat(call("POST /users/{id}/consent", Map.of("id", person.toString()), token(org, Role.OPERATOR),
                "{\"textVersion\":\"v1\",\"method\":\"PAPER\"}").getStatusCode()).isEqualTo(403);

        APIGatewayV2HTTPResponse recorded = call("POST /users/{id}/consent", Map.of("id", person.toString()), admin,
                "{\"textVersion\":\"2026-11 v3\",\"method\":\"PAPER\",\"consentedAt\":\"2026-11-20T09:00:00Z\"}");
        assertThat(recorded.getStatusCode()).as(recorded.getBody()).isEqualTo(201);
        assertThat(body(recorded).get("method").asString()).isEqualTo("PAPER");
        assertThat(body(recorded).get("textVersion").asString()).isEqualTo("2026-11 v3");
        assertThat(body(recorded).get("consentedAt").asString()).startsWith("2026-11-20T09:00");
        assertThat(call("POST /users/{id}/consent", Map.of("id", person.toString()), admin,
                "{\"textVersion\":\"v4\",\"method\":\"CONSOLE\"}").getStatusCode()).as("one open consent").isEqualTo(409);
        JsonNode view = body(call("GET /users/{id}/consent", Map.of("id", person.toString()), token(org, Role.OPERATOR), null));
        assertThat(view.get("required").asBoolean()).isTrue();
        assertThat(view.get("current").get("recordedBy").asString()).isEqualTo(adminId(org).toString());
        assertThat(view.get("current").get("userId").asString()).isEqualTo(person.toString());

        for (byte[] image : images) {
            APIGatewayV2HTTPResponse enrolled = enroll(org, person, image);
            assertThat(enrolled.getStatusCode()).as(enrolled.getBody()).isEqualTo(201);
        }
        UUID other = consentingPerson(org, admin);
        byte[] otherPhoto = fixtures.photo("sample3.jpg");
        for (byte[] image : FaceFixtures.variantsOf(otherPhoto, isolatedFace(otherPhoto), 3)) {
            assertThat(enroll(org, other, image).getStatusCode()).isEqualTo(201);
        }
        BiometricErasureChecks checks = checks();
        BiometricErasureChecks.Held held = checks.held(org, person);
        assertThat(held.vectorIds()).hasSize(3);
        assertThat(checks.someSnapshotHolds(org, held.vectorIds())).as("before: the index's snapshot holds them").isTrue();

        APIGatewayV2HTTPResponse withdrawn = call("POST /users/{id}/consent/withdraw", Map.of("id", person.toString()), admin,
                "{\"reason\":\"the person withdrew in writing\"}");
        assertThat(withdrawn.getStatusCode()).as(withdrawn.getBody()).isEqualTo(200);
        assertThat(body(withdrawn).get("erased").get("images").asInt()).isEqualTo(3);
        assertThat(body(withdrawn).get("erased").get("vectors").asInt()).isEqualTo(3);
        assertThat(body(withdrawn).get("consent").get("withdrawalReason").asString()).isEqualTo("the person withdrew in writing");

        checks.assertErased(org, person, held, 3);
        assertThat(checks.held(org, other).vectorIds()).as("the other person keeps their template").hasSize(3);
        assertThat(recognizeDecisionFor(org, photo, person)).as("no longer recognised").isFalse();

        // withdrawn: enrolling again needs a new consent
        APIGatewayV2HTTPResponse again = enroll(org, person, images.get(0));
        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(body(again).get("error").asString()).isEqualTo("consent_required");
        assertThat(call("POST /users/{id}/consent/withdraw", Map.of("id", person.toString()), admin, null).getStatusCode())
                .as("nothing left to withdraw").isEqualTo(409);

        AuditQueue.find("CONSENT_RECORDED", person.toString(), org);
        assertThat(AuditQueue.find("CONSENT_WITHDRAWN", person.toString(), org).get("userId").asString()).isEqualTo(adminId(org).toString());
        AuditQueue.find("BIOMETRICS_ERASED", person.toString(), org);
    }

    @Test
    void withoutTheSettingAPersonIsEnrolledWithNoConsentButNotOnceTheyWithdrewIt() {
        UUID org = organizationWithoutCaptureChecks();
        String admin = adminToken(org);
        byte[] photo = fixtures.photo("sample1.jpg");
        byte[] image = FaceFixtures.variantsOf(photo, isolatedFace(photo), 1).get(0);
        UUID person = fixtures.user(org);
        assertThat(enroll(org, person, image).getStatusCode()).isEqualTo(201);
        call("POST /users/{id}/consent", Map.of("id", person.toString()), admin, "{\"textVersion\":\"v1\",\"method\":\"KIOSK\"}");
        assertThat(call("POST /users/{id}/consent/withdraw", Map.of("id", person.toString()), admin, null).getStatusCode()).isEqualTo(200);
        assertThat(enroll(org, person, image).getStatusCode()).isEqualTo(409);
    }

    @Test
    void anEnrollmentRacingAConsentWithdrawalKeepsNoFace() throws Exception {
        UUID org = organizationWithoutCaptureChecks();
        String admin = adminToken(org);
        UUID person = consentingPerson(org, admin);
        byte[] photo = fixtures.photo("sample1.jpg");
        byte[] image = FaceFixtures.variantsOf(photo, isolatedFace(photo), 1).get(0);
        assertThat(enroll(org, person, image).getStatusCode()).isEqualTo(201); // the organization has an index to lock
        Actor actor = new Actor(org, adminId(org), null, "test");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // the withdrawal holds the index lock, not yet committed, while an enrollment passed its first consent check
            Future<APIGatewayV2HTTPResponse> enrolling = new TransactionTemplate(transactions).execute(status -> {
                consents.withdraw(actor, person, "racing");
                Future<APIGatewayV2HTTPResponse> started = pool.submit(() -> enroll(org, person, image));
                await().atMost(Duration.ofSeconds(60)).until(() -> started.isDone() || fixtures.jdbc().queryForObject(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%face_indexes%'",
                        Integer.class) > 0);
                return started;
            });
            APIGatewayV2HTTPResponse refused = enrolling.get();
            assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(409);
            assertThat(body(refused).get("error").asString()).isEqualTo("consent_required");
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixtures.jdbc().queryForObject("SELECT count(*) FROM face_images WHERE user_id = ?", Integer.class, person)).isZero();
        assertThat(fixtures.jdbc().queryForObject("SELECT count(*) FROM face_embeddings WHERE user_id = ?", Integer.class, person)).isZero();
        try (var s3 = env.s3()) {
            assertThat(s3.listObjectsV2(r -> r.bucket(io.rollcall.testing.TestEnvironment.BUCKET)
                    .prefix("faces/" + org + "/" + person + "/")).contents()).as("no object left by the refused enrollment").isEmpty();
        }
    }

    @Test
    void aPersonSeesWhatIsHeldAboutThemAndAnAdminExecutesTheirErasureRequestWithItsTrail() throws Exception {
        UUID org = organizationWithoutCaptureChecks();
        String admin = adminToken(org);
        byte[] photo = fixtures.photo("sample1.jpg");
        UUID person = enrolledPerson(org, photo, 3);
        UUID bystander = enrolledPerson(org, fixtures.photo("sample3.jpg"), 3);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        fixtures.jdbc().update("""
                INSERT INTO attendance_logs (id, organization_id, user_id, attendance_date, event_type, event_time, confidence)
                VALUES (?, ?, ?, ?, 'IN', ?, 91.0)""", UUID.randomUUID(), org, person, today,
                java.sql.Timestamp.from(Instant.now().minusSeconds(600)));
        String personToken = tokens.issue(new Caller(person, org, Role.USER));

        JsonNode held = body(call("GET /me/data", Map.of(), personToken, null));
        assertThat(held.get("userId").asString()).isEqualTo(person.toString());
        assertThat(held.get("images")).hasSize(3);
        assertThat(held.get("template").get("exists").asBoolean()).isTrue();
        assertThat(held.get("template").get("vectors").asInt()).isEqualTo(3);
        assertThat(held.get("consent").get("current").isNull()).isTrue();
        assertThat(held.get("attendance").get("sightings").asLong()).isEqualTo(1);
        assertThat(held.get("retention").get("erasedAfter").isNull()).isFalse();
        JsonNode bystanderView = body(call("GET /me/data", Map.of(), tokens.issue(new Caller(bystander, org, Role.USER)), null));
        assertThat(bystanderView.get("userId").asString()).as("a USER sees only their own").isEqualTo(bystander.toString());
        assertThat(bystanderView.get("attendance").get("sightings").asLong()).isZero();

        APIGatewayV2HTTPResponse requested = call("POST /me/erasure-requests", Map.of(), personToken,
                "{\"reason\":\"I left the company\"}");
        assertThat(requested.getStatusCode()).as(requested.getBody()).isEqualTo(201);
        UUID requestId = UUID.fromString(body(requested).get("id").asString());
        assertThat(body(requested).get("status").asString()).isEqualTo("PENDING");
        APIGatewayV2HTTPResponse twice = call("POST /me/erasure-requests", Map.of(), personToken, null);
        assertThat(twice.getStatusCode()).isEqualTo(409);
        assertThat(body(twice).get("error").asString()).isEqualTo("erasure_request_pending");

        JsonNode pending = body(enrollFace.apply(RouteCalls.event("GET /erasure-requests",
                new RouteCalls.Call(Map.of(), Map.of("status", "PENDING"), null, null), admin)));
        assertThat(pending.get("total").asLong()).isEqualTo(1);
        assertThat(pending.get("items").get(0).get("userId").asString()).isEqualTo(person.toString());
        assertThat(pending.get("items").get(0).get("reason").asString()).isEqualTo("I left the company");
        UUID elsewhere = fixtures.organization();
        assertThat(body(call("GET /erasure-requests", Map.of(), adminToken(elsewhere), null)).get("total").asLong())
                .as("another organization's ADMIN sees none of them").isZero();

        BiometricErasureChecks checks = checks();
        BiometricErasureChecks.Held before = checks.held(org, person);
        assertThat(checks.someSnapshotHolds(org, before.vectorIds())).isTrue();
        APIGatewayV2HTTPResponse executed = call("POST /erasure-requests/{id}/execute", Map.of("id", requestId.toString()), admin, null);
        assertThat(executed.getStatusCode()).as(executed.getBody()).isEqualTo(200);
        assertThat(body(executed).get("status").asString()).isEqualTo("EXECUTED");
        assertThat(body(executed).get("imagesErased").asInt()).isEqualTo(3);
        assertThat(body(executed).get("vectorsErased").asInt()).isEqualTo(3);
        checks.assertErased(org, person, before, 3);
        assertThat(recognizeDecisionFor(org, photo, person)).isFalse();
        APIGatewayV2HTTPResponse decidedTwice = call("POST /erasure-requests/{id}/refuse", Map.of("id", requestId.toString()), admin,
                "{\"reason\":\"too late\"}");
        assertThat(decidedTwice.getStatusCode()).isEqualTo(409);
        assertThat(body(decidedTwice).get("error").asString()).isEqualTo("erasure_request_decided");

        JsonNode after = body(call("GET /me/data", Map.of(), personToken, null));
        assertThat(after.get("images")).isEmpty();
        assertThat(after.get("template").get("exists").asBoolean()).isFalse();
        assertThat(after.get("erasureRequests").get(0).get("status").asString()).isEqualTo("EXECUTED");
        assertThat(after.get("attendance").get("sightings").asLong()).as("attendance is not biometric data").isEqualTo(1);

        // the trail: the records the use cases sent, written by recordAudit, read back from audit_logs
        List<JsonNode> records = List.of(AuditQueue.find("ERASURE_REQUESTED", requestId.toString(), org),
                AuditQueue.find("BIOMETRICS_ERASED", person.toString(), org),
                AuditQueue.find("ERASURE_EXECUTED", requestId.toString(), org));
        recordAudit.apply(sqs(records));
        JsonNode detail = body(call("GET /erasure-requests/{id}", Map.of("id", requestId.toString()), admin, null));
        List<String> actions = new ArrayList<>();
        detail.get("trail").forEach(e -> actions.add(e.get("action").asString()));
        assertThat(actions).containsExactly("ERASURE_REQUESTED", "BIOMETRICS_ERASED", "ERASURE_EXECUTED");
        assertThat(detail.get("trail").get(0).get("actorUserId").asString()).isEqualTo(person.toString());

        APIGatewayV2HTTPResponse csv = call("GET /erasure-requests/{id}/trail/csv", Map.of("id", requestId.toString()), admin, null);
        assertThat(csv.getStatusCode()).isEqualTo(200);
        assertThat(csv.getHeaders().get("content-type")).startsWith("text/csv");
        String text = csv.getIsBase64Encoded() ? new String(java.util.Base64.getDecoder().decode(csv.getBody()), StandardCharsets.UTF_8) : csv.getBody();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
        assertThat(rows).extracting(r -> r.get("action")).containsExactly("ERASURE_REQUESTED", "BIOMETRICS_ERASED", "ERASURE_EXECUTED");
        assertThat(rows.get(2).get("actor_username")).isEqualTo("admin-" + adminId(org));
        assertThat(rows.get(0).get("actor_user_id")).isEqualTo(person.toString());
    }

    @Test
    void anAdminRefusesARequestWithAReasonAndThePersonKeepsTheirTemplateAndSeesWhy() {
        UUID org = organizationWithoutCaptureChecks();
        String admin = adminToken(org);
        UUID person = enrolledPerson(org, fixtures.photo("sample3.jpg"), 3);
        String personToken = tokens.issue(new Caller(person, org, Role.USER));
        UUID requestId = UUID.fromString(body(call("POST /me/erasure-requests", Map.of(), personToken, null)).get("id").asString());

        APIGatewayV2HTTPResponse noReason = call("POST /erasure-requests/{id}/refuse", Map.of("id", requestId.toString()), admin, "{}");
        assertThat(noReason.getStatusCode()).isEqualTo(400);
        assertThat(body(noReason).get("fields").has("reason")).isTrue();
        APIGatewayV2HTTPResponse refused = call("POST /erasure-requests/{id}/refuse", Map.of("id", requestId.toString()), admin,
                "{\"reason\":\"under a legal hold until the investigation ends\"}");
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(200);
        assertThat(body(refused).get("status").asString()).isEqualTo("REFUSED");

        JsonNode held = body(call("GET /me/data", Map.of(), personToken, null));
        assertThat(held.get("template").get("vectors").asInt()).isEqualTo(3);
        assertThat(held.get("erasureRequests").get(0).get("refusalReason").asString()).contains("legal hold");
        AuditQueue.find("ERASURE_REFUSED", requestId.toString(), org);
        // decided: the person may ask again
        assertThat(call("POST /me/erasure-requests", Map.of(), personToken, null).getStatusCode()).isEqualTo(201);
    }

    private boolean recognizeDecisionFor(UUID org, byte[] photo, UUID person) {
        JsonNode faces = body(recognize(org, photo)).get("faces");
        for (JsonNode face : faces) {
            if (person.toString().equals(face.path("userId").asString(null)) || person.toString().equals(face.path("candidateUserId").asString(null))) {
                return true;
            }
        }
        return false;
    }

    private UUID consentingPerson(UUID org, String admin) {
        UUID person = fixtures.user(org);
        APIGatewayV2HTTPResponse r = call("POST /users/{id}/consent", Map.of("id", person.toString()), admin,
                "{\"textVersion\":\"v1\",\"method\":\"CONSOLE\"}");
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(201);
        return person;
    }

    private UUID adminId(UUID org) {
        return fixtures.jdbc().queryForObject("SELECT id FROM users WHERE organization_id = ? AND role_id = 1 ORDER BY created_at LIMIT 1",
                UUID.class, org);
    }

    /** The organization's ADMIN (a real row: consents and decisions name who recorded them). */
    private String adminToken(UUID org) {
        UUID id = fixtures.jdbc().queryForList("SELECT id FROM users WHERE organization_id = ? AND role_id = 1", UUID.class, org)
                .stream().findFirst().orElseGet(() -> {
                    UUID admin = UUID.randomUUID();
                    fixtures.jdbc().update("INSERT INTO users (id, organization_id, username, password_hash, role_id) VALUES (?, ?, ?, 'x', 1)",
                            admin, org, "admin-" + admin);
                    return admin;
                });
        return tokens.issue(new Caller(id, org, Role.ADMIN));
    }

    private APIGatewayV2HTTPResponse call(String route, Map<String, String> path, String token, String jsonBody) {
        return enrollFace.apply(RouteCalls.event(route, new RouteCalls.Call(path, Map.of(), jsonBody == null ? null : "application/json",
                jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8)), token));
    }

    private SQSEvent sqs(List<JsonNode> records) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("trail-" + i);
            m.setBody(json.writeValueAsString(records.get(i)));
            messages.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }
}
