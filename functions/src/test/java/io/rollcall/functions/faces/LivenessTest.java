package io.rollcall.functions.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.audit.Actor;
import io.rollcall.config.ConfigStore;
import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FaceBox;
import io.rollcall.faces.pipeline.PresentationAttacks;
import io.rollcall.faces.recognition.FrameProcessor;
import io.rollcall.faces.recognition.FrameProcessor.FrameResult;
import io.rollcall.identity.cameras.CameraService;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Liveness on the three recognition paths (kiosk, camera frames, POST /recognize) with real photos of one person
 * taken on different occasions (../shared/faces-labelled/compreface, sample_A: three enrolled, the fourth the
 * probe): a genuine photo passes; a simulated
 * screen replay of that same photo is refused in enforce mode (no attendance, a SPOOF_SUSPECTED event) and
 * counted but reported in flag mode; faces whose liveness cannot be read get the same named reason everywhere.
 */
class LivenessTest extends FacesTest {

    static final Path LABELLED = env.root().resolve("../shared/faces-labelled/compreface");

    @Autowired KioskApiFunction kioskApi;
    @Autowired CameraService cameras;
    @Autowired ConfigStore config;
    @Autowired FrameProcessor frames;

    UUID org;
    UUID person;
    String key;
    UUID cameraId;

    @BeforeEach
    void enrolled() throws IOException {
        assumeTrue(Files.isDirectory(LABELLED), "the identity-labelled photos are not in " + LABELLED + " (see DESIGN.md)");
        org = fixtures.organization();
        Actor admin = new Actor(org, UUID.randomUUID(), "198.51.100.1", "liveness-test");
        var camera = cameras.create(admin, "front door", "ENTRY");
        key = camera.apiKey();
        cameraId = cameras.authenticate(key).orElseThrow().cameraId();
        person = fixtures.user(org);
        for (String file : List.of("sample_A__1.jpg", "sample_A__2.jpg", "sample_A__3.jpg")) {
            APIGatewayV2HTTPResponse response = enroll(org, person, photo(file));
            assertThat(response.getStatusCode()).as(file + ": " + response.getBody()).isEqualTo(201);
        }
        fixtures.drain("events");
        fixtures.drain("attendance");
    }

    @Test
    void aGenuinePhotoPassesAndItsScreenReplayIsRefusedInEnforceMode() throws IOException {
        mode("enforce");
        byte[] genuine = photo("sample_A__4.jpg");
        byte[] replay = PresentationAttacks.simulate(genuine, largest(genuine), PresentationAttacks.Attack.SCREEN_REPLAY, 7);

        JsonNode live = ok(kiosk(genuine));
        assertThat(live.get("outcome").asString()).as("the genuine photo").isEqualTo("IN");
        assertThat(live.get("liveness").asString()).isEqualTo("LIVE");
        assertThat(attendance()).isOne();

        JsonNode spoof = ok(kiosk(replay));
        assertThat(spoof.get("outcome").asString()).as("the screen replay of it: %s", spoof).isEqualTo("LIVENESS_REFUSED");
        assertThat(spoof.get("liveness").asString()).isEqualTo("SPOOF_SUSPECTED");
        assertThat(spoof.get("firstName").isNull()).as("no name for a refused face").isTrue();
        assertThat(attendance()).as("the replay marked nothing").isOne();
        List<JsonNode> events = messagesOf("events", org);
        assertThat(events).extracting(e -> e.get("type").asString()).contains("SPOOF_SUSPECTED");
        JsonNode event = events.stream().filter(e -> e.get("type").asString().equals("SPOOF_SUSPECTED")).findFirst().orElseThrow();
        assertThat(event.get("metadata").get("userId").asString()).isEqualTo(person.toString());
        assertThat(event.get("metadata").get("attendanceCounted").asBoolean()).isFalse();
        assertThat(event.get("metadata").get("livenessScore").asDouble()).isLessThan(0.5);

        // the camera path: the same frame is no sighting, and says why
        FrameResult frame = frames.process(TestEnvironment.BUCKET, putFrame(org, cameraId, "20261201T080000Z-replay.jpg", replay));
        assertThat(frame.livenessRefused()).isEqualTo(1);
        assertThat(frame.matched()).isZero();
        assertThat(frame.spoofSuspected()).isEqualTo(1);
        assertThat(messagesOf("attendance", org)).as("no sighting").isEmpty();
        assertThat(messagesOf("events", org)).extracting(e -> e.get("type").asString()).contains("SPOOF_SUSPECTED");

        // POST /recognize says the same
        JsonNode face = recognizedFront(replay);
        assertThat(face.get("decision").asString()).isEqualTo("LIVENESS_REFUSED");
        assertThat(face.get("candidateUserId").asString()).isEqualTo(person.toString());
        assertThat(face.get("liveness").get("verdict").asString()).isEqualTo("SPOOF_SUSPECTED");
        assertThat(recognizedFront(genuine).get("decision").asString()).isEqualTo("MATCH");
    }

    @Test
    void inFlagModeTheReplayCountsAndIsReported() throws IOException {
        mode("flag");
        byte[] genuine = photo("sample_A__4.jpg");
        byte[] replay = PresentationAttacks.simulate(genuine, largest(genuine), PresentationAttacks.Attack.SCREEN_REPLAY, 7);

        JsonNode answer = ok(kiosk(replay));

        assertThat(answer.get("outcome").asString()).isEqualTo("IN");
        assertThat(answer.get("liveness").asString()).isEqualTo("SPOOF_SUSPECTED");
        assertThat(attendance()).isOne();
        JsonNode event = messagesOf("events", org).stream().filter(e -> e.get("type").asString().equals("SPOOF_SUSPECTED"))
                .findFirst().orElseThrow(() -> new AssertionError("no SPOOF_SUSPECTED event"));
        assertThat(event.get("metadata").get("attendanceCounted").asBoolean()).isTrue();
        assertThat(recognizedFront(replay).get("decision").asString()).isEqualTo("MATCH");
    }

    @Test
    void withLivenessOffNothingIsDecidedFromTheScore() throws IOException {
        mode("off");
        byte[] genuine = photo("sample_A__4.jpg");
        byte[] replay = PresentationAttacks.simulate(genuine, largest(genuine), PresentationAttacks.Attack.SCREEN_REPLAY, 7);

        JsonNode answer = ok(kiosk(replay));

        assertThat(answer.get("outcome").asString()).isEqualTo("IN");
        assertThat(answer.get("liveness").asString()).isEqualTo("OFF");
        assertThat(messagesOf("events", org)).extracting(e -> e.get("type").asString()).doesNotContain("SPOOF_SUSPECTED");
        JsonNode face = recognizedFront(replay);
        assertThat(face.get("liveness").get("score").asDouble()).as("still scored").isLessThan(0.5);
    }

    @Test
    void aFaceAtTheBorderOrInGreyIsUncheckedWithTheSameReasonOnEveryPath() throws IOException {
        mode("enforce");
        byte[] genuine = photo("sample_A__4.jpg");
        FaceBox box = largest(genuine);
        BufferedImage image = FaceFixtures.decode(genuine);
        // the face cut by the left edge of the frame
        int x = box.x() + box.width() / 5;
        int y = Math.max(0, box.y() - box.height());
        byte[] border = FaceFixtures.jpeg(image.getSubimage(x, y, Math.min(image.getWidth() - x, box.width() * 3),
                Math.min(image.getHeight() - y, box.height() * 3)));
        BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(image, 0, 0, null);
        byte[] greyscale = FaceFixtures.jpeg(grey);

        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("face_at_border", border);
        cases.put("greyscale", greyscale);
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            String reason = c.getKey();
            JsonNode face = recognizedFront(c.getValue());
            assertThat(face.get("liveness").get("verdict").asString()).as(reason + ": " + face).isEqualTo("UNCHECKED");
            assertThat(face.get("liveness").get("reason").asString()).isEqualTo(reason);
            assertThat(face.get("decision").asString()).as(reason + " is matched, then refused").isEqualTo("LIVENESS_REFUSED");
            JsonNode answer = ok(kiosk(c.getValue()));
            assertThat(answer.get("outcome").asString()).as(reason).isEqualTo("LIVENESS_REFUSED");
            assertThat(answer.get("liveness").asString()).isEqualTo("UNCHECKED");
            assertThat(answer.get("livenessReason").asString()).isEqualTo(reason);
            FrameResult frame = frames.process(TestEnvironment.BUCKET, putFrame(org, cameraId, "2026-12-01T08:00:00Z-" + reason + ".jpg", c.getValue()));
            assertThat(frame.livenessRefused()).as(reason).isEqualTo(1);
            JsonNode event = messagesOf("events", org).stream().filter(e -> e.get("type").asString().equals("SPOOF_SUSPECTED"))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(event.get("metadata").get("livenessReason").asString()).isEqualTo(reason);
        }
        assertThat(attendance()).as("nothing counted unchecked in enforce mode").isZero();
    }

    @Test
    void tinyAndFaceTooSmallImagesGetAReasonNeverA500() throws IOException {
        mode("enforce");
        byte[] genuine = photo("sample_A__4.jpg");
        BufferedImage image = FaceFixtures.decode(genuine);
        byte[] tiny = FaceFixtures.jpeg(scaled(image, 16, 12));

        assertThat(ok(kiosk(tiny)).get("outcome").asString()).isEqualTo("NO_FACE");
        APIGatewayV2HTTPResponse http = recognize(org, tiny);
        assertThat(http.getStatusCode()).isEqualTo(422);
        assertThat(body(http).get("error").asString()).isEqualTo("no_face");
        FrameResult frame = frames.process(TestEnvironment.BUCKET, putFrame(org, cameraId, "2026-12-01T08:00:00Z-tiny.jpg", tiny));
        assertThat(frame.status()).isEqualTo("PROCESSED");
        assertThat(frame.faces()).isZero();

        // a face large enough to recognise (60 px) but under the liveness crop's 64 px
        FaceBox box = largest(genuine);
        byte[] small = null;
        DetectedFace face = null;
        for (int target = 63; target >= 54 && small == null; target--) { // the detector's box moves a little with scale
            double factor = (double) target / Math.min(box.width(), box.height());
            byte[] candidate = FaceFixtures.jpeg(scaled(image, (int) (image.getWidth() * factor), (int) (image.getHeight() * factor)));
            face = pipeline.analyze(candidate).stream().max(java.util.Comparator.comparingInt(f -> f.box().width())).orElse(null);
            if (face != null && face.quality().sizePx() >= 60 && face.quality().sizePx() < 64 && face.quality().isUsable()) {
                small = candidate;
            }
        }
        assertThat(small).as("a rescaled face between the two minimums (60 and 64 px)").isNotNull();
        assertThat(face.checks().liveness().unchecked()).isEqualTo(io.rollcall.faces.pipeline.FaceChecks.Unchecked.FACE_TOO_SMALL);
        JsonNode answer = ok(kiosk(small));
        assertThat(answer.get("livenessReason").asString()).isEqualTo("face_too_small");
    }

    @Test
    void withTwoAgreeingFramesACameraCountsOnlyAConfirmedMatch() throws IOException {
        config.updateOrganization(org, Map.of("recognition.camera_frames_to_agree", JsonNodeFactory.instance.numberNode(2)));
        String first = putFrame(org, cameraId, "2026-12-01T08:00:00Z-a.jpg", photo("sample_A__4.jpg"));

        assertThat(frames.process(TestEnvironment.BUCKET, first).awaitingAgreement()).isEqualTo(1);
        assertThat(frames.process(TestEnvironment.BUCKET, first).awaitingAgreement())
                .as("a retried frame is not its own second frame").isEqualTo(1);
        assertThat(messagesOf("attendance", org)).isEmpty();

        FrameResult second = frames.process(TestEnvironment.BUCKET, putFrame(org, cameraId, "2026-12-01T08:00:03Z-b.jpg",
                photo("sample_A__6.jpg")));
        assertThat(second.matched()).as("another frame 3 s later agrees").isEqualTo(1);
        assertThat(messagesOf("attendance", org)).extracting(m -> m.get("userId").asString()).containsExactly(person.toString());

        FrameResult late = frames.process(TestEnvironment.BUCKET, putFrame(org, cameraId, "2026-12-01T09:00:00Z-c.jpg",
                photo("sample_A__4.jpg")));
        assertThat(late.awaitingAgreement()).as("an hour later nothing agrees").isEqualTo(1);
    }

    private static BufferedImage scaled(BufferedImage image, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        var g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private void mode(String mode) {
        config.updateOrganization(org, Map.of("liveness.mode", JsonNodeFactory.instance.stringNode(mode)));
    }

    private long attendance() {
        return fixtures.jdbc().queryForObject("SELECT count(*) FROM attendance_logs WHERE user_id = ?", Long.class, person);
    }

    private FaceBox largest(byte[] photo) {
        return pipeline.analyze(photo).stream().map(DetectedFace::box).max(java.util.Comparator.comparingInt(b -> b.width() * b.height()))
                .orElseThrow();
    }

    private JsonNode recognizedFront(byte[] image) {
        APIGatewayV2HTTPResponse response = recognize(org, image);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode front = null;
        for (JsonNode f : body(response).get("faces")) {
            if (front == null || f.get("box").get("width").asInt() > front.get("box").get("width").asInt()) {
                front = f;
            }
        }
        return front;
    }

    private static byte[] photo(String name) throws IOException {
        return Files.readAllBytes(LABELLED.resolve(name));
    }

    private JsonNode ok(APIGatewayV2HTTPResponse response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return body(response);
    }

    private APIGatewayV2HTTPResponse kiosk(byte[] jpeg) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-camera-key", key);
        headers.put("x-frame-id", UUID.randomUUID().toString());
        headers.put("x-captured-at", Instant.now().toString());
        headers.put("content-type", "image/jpeg");
        return kioskApi.apply(APIGatewayV2HTTPEvent.builder().withRouteKey("POST /kiosk/frames").withHeaders(headers)
                .withBody(Base64.getEncoder().encodeToString(jpeg)).withIsBase64Encoded(true).build());
    }
}
