package io.rollcall.functions.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.faces.recognition.FrameProcessor.FrameResult;
import io.rollcall.functions.LambdaInvoker;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** recognizeFrame and POST /recognize on real photos: sightings, unknown faces, tenants, bad frames. */
class RecognizeFrameFunctionTest extends FacesTest {

    @Autowired RecognizeFrameFunction recognizeFrame;

    @Test
    void anEnrolledPersonInAFrameIsASightingOnTheAttendanceQueue() {
        UUID org = fixtures.organization();
        UUID camera = fixtures.camera(org);
        byte[] photo = fixtures.photo("sample1.jpg");
        UUID person = enrolledPerson(org, photo, 3);
        fixtures.drain("attendance");
        String key = putFrame(org, camera, "20251125T080000Z-0001.jpg", photo);

        // through the AWS adapter, as Lambda delivers an S3 notification: a new context, so also a cold start
        String answer = new LambdaInvoker("recognizeFrame").invoke(s3Event(key));

        assertThat(answer).contains("\"status\":\"PROCESSED\"", "\"matched\":1");
        List<JsonNode> sightings = messagesOf("attendance", org);
        assertThat(sightings).hasSize(1);
        JsonNode sighting = sightings.get(0);
        assertThat(sighting.get("userId").asString()).isEqualTo(person.toString());
        assertThat(sighting.get("cameraId").asString()).isEqualTo(camera.toString());
        assertThat(Instant.parse(sighting.get("capturedAt").asString())).isEqualTo(Instant.parse("2025-11-25T08:00:00Z"));
        assertThat(sighting.get("source").asString()).isEqualTo("CAMERA");
        assertThat(sighting.get("similarity").asDouble()).isBetween(0.5, 1.0);
        assertThat(UUID.fromString(sighting.get("eventId").asString())).isNotNull();
        // the other people of the photo are nobody here: events, never sightings
        List<JsonNode> events = messagesOf("events", org);
        assertThat(events).isNotEmpty().allSatisfy(e ->
                assertThat(e.get("type").asString()).isIn("UNKNOWN_FACE", "LOW_CONFIDENCE"));

        // the same frame delivered again sends the same event id (markAttendance is idempotent on it)
        recognizeFrame.apply(null);
        FrameResult again = processor().process(TestEnvironment.BUCKET, key);
        assertThat(again.matched()).isEqualTo(1);
        assertThat(messagesOf("attendance", org)).extracting(m -> m.get("eventId").asString())
                .containsExactly(sighting.get("eventId").asString());
    }

    @Test
    void anUnenrolledFaceIsAnUnknownFaceEventWithItsCropStored() {
        UUID org = fixtures.organization();
        UUID camera = fixtures.camera(org);
        fixtures.drain("events");
        String key = putFrame(org, camera, "1764057600000.jpg", fixtures.photo("sample2.jpg"));

        FrameResult result = processor().process(TestEnvironment.BUCKET, key);

        assertThat(result.status()).isEqualTo("PROCESSED");
        assertThat(result.unknown()).isPositive();
        assertThat(result.matched()).isZero();
        List<JsonNode> events = messagesOf("events", org);
        assertThat(events).hasSize(result.unknown()).allSatisfy(e -> assertThat(e.get("type").asString()).isEqualTo("UNKNOWN_FACE"));
        for (JsonNode event : events) {
            UUID imageId = UUID.fromString(event.get("referenceId").asString());
            Map<String, Object> row = fixtures.jdbc().queryForMap(
                    "SELECT image_type, user_id, camera_id, captured_at, file_path FROM face_images WHERE id = ? AND organization_id = ?",
                    imageId, org);
            assertThat(row).containsEntry("image_type", "UNKNOWN").containsEntry("user_id", null).containsEntry("camera_id", camera);
            assertThat(((java.sql.Timestamp) row.get("captured_at")).toInstant()).isEqualTo(Instant.ofEpochMilli(1764057600000L));
            try (var s3 = env.s3()) {
                byte[] crop = s3.getObjectAsBytes(b -> b.bucket(TestEnvironment.BUCKET).key((String) row.get("file_path"))).asByteArray();
                assertThat(crop).startsWith((byte) 0xff, (byte) 0xd8);
                var image = FaceFixtures.decode(crop);
                assertThat(Math.max(image.getWidth(), image.getHeight())).isBetween(32, 256);
            }
        }
        // a retried frame stores nothing twice
        processor().process(TestEnvironment.BUCKET, key);
        assertThat(fixtures.jdbc().queryForObject("SELECT count(*) FROM face_images WHERE organization_id = ?", Integer.class, org))
                .isEqualTo(result.unknown());
    }

    @Test
    void anotherOrganizationsEnrolledFacesNeverMatch() {
        UUID enrolledHere = fixtures.organization();
        UUID elsewhere = fixtures.organization();
        UUID camera = fixtures.camera(elsewhere);
        byte[] photo = fixtures.photo("sample1.jpg");
        enrolledPerson(enrolledHere, photo, 3);
        fixtures.drain("attendance");

        FrameResult result = processor().process(TestEnvironment.BUCKET, putFrame(elsewhere, camera, "frame.jpg", photo));

        assertThat(result.matched()).isZero();
        assertThat(result.lowConfidence()).isZero();
        assertThat(messagesOf("attendance", elsewhere)).isEmpty();
        assertThat(messagesOf("attendance", enrolledHere)).isEmpty();
        JsonNode faces = body(recognize(elsewhere, photo)).get("faces");
        assertThat(faces).isNotEmpty().allSatisfy(f -> assertThat(f.get("userId").isNull()).isTrue());
    }

    @Test
    void postRecognizeAnswersEveryFaceWithItsDecision() {
        UUID org = fixtures.organization();
        byte[] photo = fixtures.photo("sample1.jpg");
        UUID person = enrolledPerson(org, photo, 3);

        APIGatewayV2HTTPResponse response = recognize(org, photo);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode faces = body(response).get("faces");
        assertThat(faces.size()).isEqualTo(pipeline.analyze(photo).size());
        List<JsonNode> matches = faces.valueStream().filter(f -> f.get("decision").asString().equals("MATCH")).toList();
        assertThat(matches).hasSize(1);
        assertThat(matches.get(0).get("userId").asString()).isEqualTo(person.toString());
        assertThat(matches.get(0).get("box").get("width").asInt()).isPositive();
        assertThat(faces.valueStream().filter(f -> !f.get("decision").asString().equals("MATCH")))
                .allSatisfy(f -> assertThat(f.get("userId").isNull()).isTrue());
        // nothing is sent or stored by a synchronous recognition
        assertThat(messagesOf("attendance", org)).isEmpty();
    }

    @Test
    void postRecognizeRejectsWhatIsNotAPictureOfAFace() {
        UUID org = fixtures.organization();
        byte[] photo = fixtures.photo("sample3.jpg");
        assertThat(recognize(org, new byte[0]).getStatusCode()).isEqualTo(400);
        assertThat(recognize(org, "<html>".getBytes(StandardCharsets.UTF_8)).getStatusCode()).isEqualTo(415);
        assertThat(recognize(org, Arrays.copyOf(photo, photo.length / 3)).getStatusCode()).isEqualTo(400);
        assertThat(recognize(org, FaceFixtures.hugePngHeader()).getStatusCode()).isEqualTo(413);
        assertThat(body(recognize(org, FaceFixtures.blank())).get("error").asString()).isEqualTo("no_face");
        APIGatewayV2HTTPResponse tiny = recognize(org, FaceFixtures.scaled(photo, 0.08));
        assertThat(tiny.getStatusCode()).as(tiny.getBody()).isIn(422);
    }

    @Test
    void badFramesAreRecordedWithTheirReasonAndNotRetried() {
        UUID org = fixtures.organization();
        UUID camera = fixtures.camera(org);
        byte[] photo = fixtures.photo("sample4.jpg");
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put(putFrame(org, camera, "text.jpg", "not an image".getBytes(StandardCharsets.UTF_8)), "NOT_AN_IMAGE");
        expected.put(putFrame(org, camera, "half.jpg", Arrays.copyOf(photo, photo.length / 2)), "TRUNCATED");
        expected.put(putFrame(org, camera, "empty.jpg", new byte[0]), "EMPTY");
        expected.put(putFrame(org, camera, "huge.png", FaceFixtures.hugePngHeader()), "TOO_LARGE");
        expected.put(putFrame(org, UUID.randomUUID(), "stranger.jpg", photo), "UNKNOWN_CAMERA");
        expected.put(putFrame(UUID.randomUUID(), camera, "nobody.jpg", photo), "UNKNOWN_ORGANIZATION");
        expected.put("frames/not-a-uuid/x/y.jpg", "BAD_KEY");

        String answer = new LambdaInvoker("recognizeFrame").invoke(s3Event(expected.keySet().toArray(String[]::new)));

        JsonNode results = json.readTree(answer);
        assertThat(results).hasSize(expected.size());
        for (JsonNode result : results) {
            String key = result.get("key").asString();
            assertThat(result.get("status").asString()).as(key).isEqualTo("REJECTED");
            assertThat(result.get("reason").asString()).as(key).isEqualTo(expected.get(key));
            assertThat(fixtures.jdbc().queryForObject("""
                    SELECT count(*) FROM system_logs WHERE service_name = 'recognizeFrame' AND metadata->>'key' = ?
                      AND metadata->>'reason' = ? AND log_level = 'WARN'""", Integer.class, key, expected.get(key)))
                    .as(key).isEqualTo(1);
        }
    }

    io.rollcall.faces.recognition.FrameProcessor processor() {
        return applicationContext.getBean(io.rollcall.faces.recognition.FrameProcessor.class);
    }

    @Autowired org.springframework.context.ApplicationContext applicationContext;

    /** An S3 ObjectCreated notification as Lambda receives it (keys URL-encoded). */
    static String s3Event(String... keys) {
        StringBuilder records = new StringBuilder();
        for (String key : keys) {
            records.append(records.isEmpty() ? "" : ",").append("""
                    {"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2025-11-25T08:00:01.000Z",
                     "eventName":"ObjectCreated:Put","s3":{"s3SchemaVersion":"1.0","configurationId":"frames",
                     "bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
                     "object":{"key":"%s","size":1,"sequencer":"0A1B2C3D4E5F678901"}}}"""
                    .formatted(TestEnvironment.BUCKET, TestEnvironment.BUCKET,
                            java.net.URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/")));
        }
        return "{\"Records\":[" + records + "]}";
    }
}
