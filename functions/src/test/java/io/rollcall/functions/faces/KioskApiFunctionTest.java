package io.rollcall.functions.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.lettuce.core.api.StatefulRedisConnection;
import io.rollcall.attendance.AttendanceDirectory;
import io.rollcall.attendance.MarkAttendance;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.faces.recognition.FaceRecognizer;
import io.rollcall.faces.recognition.FrameProcessor;
import io.rollcall.faces.recognition.KioskRecognition;
import io.rollcall.audit.Actor;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import io.rollcall.identity.cameras.CameraRepository;
import io.rollcall.identity.cameras.CameraService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The kiosk route with identity-labelled real photos: greet, never count twice, unknown faces, bad keys, rate. */
class KioskApiFunctionTest extends FacesTest {

    static final Path LABELLED = env.root().resolve("../shared/faces-labelled/compreface");

    @Autowired KioskApiFunction kioskApi;
    @Autowired CameraService cameras;
    @Autowired AttendanceDirectory directory;
    @Autowired MarkAttendance markAttendance;
    @Autowired OrganizationSettingsService settings;
    @Autowired FaceRecognizer recognizer;
    @Autowired FrameProcessor frames;
    @Autowired io.rollcall.faces.recognition.FrameSources sources;
    @Autowired StatefulRedisConnection<String, String> redis;

    UUID org;
    String key;

    @BeforeEach
    void camera() {
        assumeTrue(Files.isDirectory(LABELLED), "the identity-labelled photos are not in " + LABELLED + " (see DESIGN.md)");
        org = fixtures.organization();
        Actor admin = new Actor(org, UUID.randomUUID(), "198.51.100.1", "kiosk-test");
        key = cameras.create(admin, "front door", "ENTRY").apiKey();
    }

    @Test
    void aKnownPersonIsGreetedByFirstNameAndMarkedInOnce() throws IOException {
        UUID person = enrolled("e2e_J__1.jpg", "e2e_J__2.jpg", "e2e_J__3.jpg");
        fixtures.jdbc().update("INSERT INTO user_profiles (user_id, full_name, faiss_user_id) VALUES (?, 'Jo Example', nextval('faiss_user_id_seq'))"
                + " ON CONFLICT (user_id) DO UPDATE SET full_name = 'Jo Example'", person);
        UUID frameId = UUID.randomUUID();
        Instant capturedAt = Instant.now().minusSeconds(30);

        JsonNode answer = ok(frame(key, frameId, capturedAt, photo("e2e_J__4.jpg")));

        assertThat(answer.get("outcome").asString()).isEqualTo("IN");
        assertThat(answer.get("firstName").asString()).isEqualTo("Jo");
        assertThat(Instant.parse(answer.get("time").asString())).isEqualTo(capturedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        JsonNode again = ok(frame(key, frameId, capturedAt, photo("e2e_J__4.jpg")));
        assertThat(again.get("outcome").asString()).as("the same frame sent again").isEqualTo("IN");
        assertThat(fixtures.jdbc().queryForObject("SELECT count(*) FROM attendance_logs WHERE user_id = ?", Long.class, person))
                .as("counted once").isOne();
        assertThat(cameras.list(org).get(0).lastFrameAt()).as("the Cameras page's last frame")
                .isCloseTo(capturedAt, within(1, java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void aRecognisedPersonWhoseDayIsLockedIsToldNotRecordedAndNothingIsCounted() throws IOException {
        UUID person = enrolled("e2e_J__1.jpg", "e2e_J__2.jpg", "e2e_J__3.jpg");
        java.time.LocalDate today = java.time.LocalDate.now(settings.forOrganization(org).timeZone());
        // payroll locked the month this frame falls in
        fixtures.jdbc().update("INSERT INTO timesheets (organization_id, user_id, period_type, period_start, period_end, state, regular_minutes)"
                + " VALUES (?, ?, 'MONTHLY', ?, ?, 'LOCKED', 0)", org, person, today.withDayOfMonth(1),
                today.withDayOfMonth(today.lengthOfMonth()));

        JsonNode answer = ok(frame(key, UUID.randomUUID(), Instant.now(), photo("e2e_J__4.jpg")));

        assertThat(answer.get("outcome").asString()).as("not \"not recognised\": the person was").isEqualTo("NOT_RECORDED");
        assertThat(answer.get("firstName").isNull()).isTrue();
        assertThat(fixtures.jdbc().queryForObject("SELECT count(*) FROM attendance_logs WHERE user_id = ?", Long.class, person)).isZero();
    }

    @Test
    void aStrangerIsNotRecognisedAndLandsAsAnUnknownFace() throws IOException {
        enrolled("e2e_J__1.jpg", "e2e_J__2.jpg", "e2e_J__3.jpg");
        fixtures.drain("events");

        JsonNode answer = ok(frame(key, UUID.randomUUID(), Instant.now(), photo("e2e_E__1.jpg")));

        assertThat(answer.get("outcome").asString()).isEqualTo("NOT_RECOGNISED");
        assertThat(answer.get("firstName").isNull()).as("nobody's data").isTrue();
        assertThat(messagesOf("events", org)).extracting(m -> m.get("type").asString()).containsAnyOf("UNKNOWN_FACE", "LOW_CONFIDENCE");
    }

    @Test
    void aFrameWithoutAFaceSaysSo() throws IOException {
        byte[] blank = Files.readAllBytes(env.root().resolve("models/cache/photos").resolve(
                Files.list(env.root().resolve("models/cache/photos")).map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".jpg")).sorted().findFirst().orElseThrow()));
        // a 1x1 crop of a real photo has no face
        byte[] tiny = FaceFixtures.variantsOf(blank, new io.rollcall.faces.pipeline.FaceBox(0, 0, 8, 8), 1).get(0);

        assertThat(ok(frame(key, UUID.randomUUID(), Instant.now(), tiny)).get("outcome").asString()).isEqualTo("NO_FACE");
    }

    @Test
    void aWrongOrRevokedKeyIsA401AndTheCameraRouteNamesTheCamera() throws IOException {
        APIGatewayV2HTTPResponse camera = kioskApi.apply(request("GET /kiosk/camera", Map.of("x-camera-key", key), null));
        assertThat(camera.getStatusCode()).isEqualTo(200);
        assertThat(body(camera).get("name").asString()).isEqualTo("front door");
        assertThat(body(camera).get("direction").asString()).isEqualTo("ENTRY");

        assertThat(frame("not-a-key", UUID.randomUUID(), Instant.now(), photo("e2e_J__4.jpg")).getStatusCode()).isEqualTo(401);
        UUID cameraId = UUID.fromString(body(camera).get("cameraId").asString());
        cameras.revokeKey(new Actor(org, UUID.randomUUID(), "198.51.100.1", "kiosk-test"), cameraId);
        assertThat(frame(key, UUID.randomUUID(), Instant.now(), photo("e2e_J__4.jpg")).getStatusCode()).isEqualTo(401);
    }

    @Test
    void badHeadersAreNamed() throws IOException {
        APIGatewayV2HTTPResponse noId = kioskApi.apply(request("POST /kiosk/frames", Map.of("x-camera-key", key,
                "content-type", "image/jpeg"), photo("e2e_J__4.jpg")));
        assertThat(noId.getStatusCode()).isEqualTo(400);
        assertThat(body(noId).get("fields").has("x-frame-id")).isTrue();
        APIGatewayV2HTTPResponse old = frame(key, UUID.randomUUID(), Instant.now().minusSeconds(2 * 86_400), photo("e2e_J__4.jpg"));
        assertThat(old.getStatusCode()).isEqualTo(400);
        assertThat(body(old).get("fields").has("x-captured-at")).isTrue();
    }

    @Test
    void aCameraThatSendsTooManyFramesIsSlowedDown() throws IOException {
        KioskRecognition limited = new KioskRecognition(pipeline, recognizer, frames, sources, markAttendance, directory, settings, redis, 2);
        CameraRepository.KeyOwner camera = cameras.authenticate(key).orElseThrow();
        byte[] image = photo("e2e_J__4.jpg");

        limited.recognize(camera, image, UUID.randomUUID(), Instant.now());
        limited.recognize(camera, image, UUID.randomUUID(), Instant.now());

        assertThatThrownBy(() -> limited.recognize(camera, image, UUID.randomUUID(), Instant.now()))
                .isInstanceOf(KioskRecognition.RateLimitedException.class);
    }

    private UUID enrolled(String... files) throws IOException {
        UUID user = fixtures.user(org);
        for (String file : files) {
            APIGatewayV2HTTPResponse response = enroll(org, user, photo(file));
            assertThat(response.getStatusCode()).as(file + ": " + response.getBody()).isEqualTo(201);
        }
        return user;
    }

    private static byte[] photo(String name) throws IOException {
        return Files.readAllBytes(LABELLED.resolve(name));
    }

    private JsonNode ok(APIGatewayV2HTTPResponse response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return body(response);
    }

    private APIGatewayV2HTTPResponse frame(String cameraKey, UUID frameId, Instant capturedAt, byte[] jpeg) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-camera-key", cameraKey);
        headers.put("x-frame-id", frameId.toString());
        headers.put("x-captured-at", capturedAt.toString());
        headers.put("content-type", "image/jpeg");
        return kioskApi.apply(request("POST /kiosk/frames", headers, jpeg));
    }

    private static APIGatewayV2HTTPEvent request(String route, Map<String, String> headers, byte[] body) {
        var builder = APIGatewayV2HTTPEvent.builder().withRouteKey(route).withHeaders(headers);
        if (body != null) {
            builder.withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true);
        }
        return builder.build();
    }
}
