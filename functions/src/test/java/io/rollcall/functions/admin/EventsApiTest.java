package io.rollcall.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.rollcall.events.EventRepository;
import io.rollcall.events.RaisedEvent;
import io.rollcall.identity.Role;
import io.rollcall.testing.TestEnvironment;
import io.rollcall.events.EventType;
import io.rollcall.events.Severity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventsApiTest extends OrganizationTest {

    @Autowired AdminApiFunction adminApi;
    @Autowired EventRepository events;
    @Autowired JsonMapper json;

    @Test
    void operatorsFilterAndAcknowledgeTheirOrganizationsEvents() {
        UUID unknown = raise(org, "UNKNOWN_FACE", "WARNING", null);
        UUID low = raise(org, "LOW_CONFIDENCE", "INFO", null);
        UUID down = raise(org, "SERVICE_DOWN", "CRITICAL", null);
        raise(fixtures.organization(), "UNKNOWN_FACE", "WARNING", null); // another tenant's

        assertThat(ids(Map.of())).containsExactlyInAnyOrder(unknown, low, down);
        assertThat(ids(Map.of("type", "UNKNOWN_FACE"))).containsExactly(unknown);
        assertThat(ids(Map.of("severity", "CRITICAL"))).containsExactly(down);
        assertThat(ids(Map.of("from", Instant.now().plusSeconds(3600).toString()))).isEmpty();

        var ack = adminApi.apply(fixtures.request("POST /events/{id}/acknowledge", operator, Map.of("id", low.toString()), Map.of(), null));
        assertThat(ack.getStatusCode()).isEqualTo(200);
        assertThat(json.readTree(ack.getBody()).get("acknowledgedBy").asString()).isEqualTo(operator.userId().toString());
        assertThat(ids(Map.of("acknowledged", "false"))).containsExactlyInAnyOrder(unknown, down);
        assertThat(ids(Map.of("acknowledged", "true"))).containsExactly(low);

        assertThat(status("GET /events", Map.of("severity", "LOUD"))).isEqualTo(400);
        assertThat(status("GET /events", Map.of("from", "yesterday"))).isEqualTo(400);
        assertThat(adminApi.apply(fixtures.request("GET /events", fixtures.user(org, Role.USER))).getStatusCode()).isEqualTo(403);
    }

    @Test
    void anotherOrganizationsEventIsNotFound() {
        UUID theirs = raise(fixtures.organization(), "UNKNOWN_FACE", "WARNING", null);

        assertThat(adminApi.apply(fixtures.request("GET /events/{id}", operator, Map.of("id", theirs.toString()), Map.of(), null)).getStatusCode()).isEqualTo(404);
        assertThat(adminApi.apply(fixtures.request("POST /events/{id}/acknowledge", operator, Map.of("id", theirs.toString()), Map.of(), null)).getStatusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT acknowledged_at IS NULL FROM events WHERE id = ?", Boolean.class, theirs)).isTrue();
    }

    @Test
    void anUnknownFaceEventLinksToItsStoredCropThroughAShortLivedUrl() throws Exception {
        byte[] crop = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4, (byte) 0xFF, (byte) 0xD9};
        String key = "faces/unknown/" + org + "/" + UUID.randomUUID() + ".jpg";
        try (var s3 = env.s3()) {
            s3.putObject(r -> r.bucket(TestEnvironment.BUCKET).key(key), RequestBody.fromBytes(crop));
        }
        UUID image = UUID.randomUUID();
        jdbc.update("INSERT INTO face_images (id, organization_id, image_type, file_path, captured_at) VALUES (?, ?, 'UNKNOWN', ?, NOW())", image, org, key);
        UUID event = raise(org, "UNKNOWN_FACE", "WARNING", image);

        var response = adminApi.apply(fixtures.request("GET /events/{id}", operator, Map.of("id", event.toString()), Map.of(), null));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.getBody());
        String url = body.get("faceImageUrl").asString();
        assertThat(url).contains("X-Amz-Expires=300");
        HttpResponse<byte[]> image1 = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image1.statusCode()).isEqualTo(200);
        assertThat(image1.body()).isEqualTo(crop);
        assertThat(body.get("notifications").isArray()).isTrue();
    }

    private UUID raise(UUID organization, String type, String severity, UUID reference) {
        UUID id = UUID.randomUUID();
        events.store(new RaisedEvent(id, organization, EventType.valueOf(type), Severity.valueOf(severity), reference, Map.of("camera", "gate-1"), Instant.now()));
        return id;
    }

    private java.util.List<UUID> ids(Map<String, String> query) {
        var response = adminApi.apply(fixtures.request("GET /events", operator, Map.of(), query, null));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        java.util.List<UUID> ids = new java.util.ArrayList<>();
        json.readTree(response.getBody()).get("events").values().forEach(e -> ids.add(UUID.fromString(e.get("id").asString())));
        return ids;
    }

    private int status(String route, Map<String, String> query) {
        return adminApi.apply(fixtures.request(route, operator, Map.of(), query, null)).getStatusCode();
    }
}
