package io.rollcall.functions.identity;

import static io.rollcall.functions.identity.Http.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.rollcall.faces.recognition.FrameKey;
import io.rollcall.functions.RefusedAuditRecords;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class CamerasTest extends IdentityTest {

    static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, (byte) 0xff, (byte) 0xd9};

    @Autowired JdbcTemplate jdbc;

    @Test
    void aNewCameraShowsItsKeyOnceAndKeepsOnlyItsHash() {
        Http.Response created = call(api, "POST /cameras", "/cameras", tenant.adminToken(), "{\"name\":\"Gate 1\",\"direction\":\"ENTRY\"}");

        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("apiKey").asString();
        String id = created.json().get("camera").get("id").asString();
        assertThat(key).startsWith("rcc_").hasSizeGreaterThan(40);
        assertThat(created.json().get("camera").get("direction").asString()).isEqualTo("ENTRY");
        assertThat(jdbc.queryForObject("SELECT api_key_hash FROM cameras WHERE id = ?::uuid", String.class, id))
                .hasSize(64).doesNotContain(key);
        assertThat(call(api, "GET /cameras/{id}", "/cameras/" + id, tenant.adminToken(), null).body()).doesNotContain(key);
        assertThat(call(api, "GET /cameras", "/cameras", tenant.adminToken(), null).json()).hasSize(1);
        assertThat(call(api, "POST /cameras", "/cameras", tenant.adminToken(), "{\"name\":\"Gate 1\"}").status()).isEqualTo(409);
        assertThat(call(api, "POST /cameras", "/cameras", tenant.adminToken(), "{\"name\":\"\",\"direction\":\"UP\"}")
                .json().get("fields").propertyNames()).containsExactlyInAnyOrder("name", "direction");
        AuditQueue.find("CAMERA_CREATED", id);
    }

    @Test
    void aCameraWhoseAuditRecordCannotBeWrittenIsNotCreatedEither() {
        try (var refused = RefusedAuditRecords.of(jdbc, tenant.id())) {
            Http.Response created = call(api, "POST /cameras", "/cameras", tenant.adminToken(), "{\"name\":\"Unaudited\"}");

            assertThat(created.status()).isEqualTo(500);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM cameras WHERE organization_id = ? AND name = 'Unaudited'",
                    Integer.class, tenant.id())).as("saved iff audited").isZero();
        }
    }

    @Test
    void aCameraUploadsAFrameThroughAPresignedUrlUnderItsOwnPrefix() throws Exception {
        JsonNode created = call(api, "POST /cameras", "/cameras", tenant.adminToken(), "{\"name\":\"Lobby\"}").json();
        UUID cameraId = UUID.fromString(created.get("camera").get("id").asString());

        Http.Response upload = camera("POST /camera/upload-url", created.get("apiKey").asString(), null);

        assertThat(upload.status()).isEqualTo(200);
        String objectKey = upload.json().get("objectKey").asString();
        assertThat(objectKey).startsWith("frames/" + tenant.id() + "/" + cameraId + "/").endsWith(".jpg");
        FrameKey frame = FrameKey.parse(objectKey);
        assertThat(frame.organizationId()).isEqualTo(tenant.id());
        assertThat(frame.cameraId()).isEqualTo(cameraId);
        assertThat(frame.capturedAt()).as("the key carries the capture time").isPresent();
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(upload.json().get("url").asString()))
                .header("content-type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(JPEG)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(TestEnvironment.install().s3().getObjectAsBytes(r -> r.bucket(TestEnvironment.BUCKET).key(objectKey)).asByteArray())
                .isEqualTo(JPEG);
    }

    @Test
    void aCameraPostsAFrameDirectly() {
        String key = call(api, "POST /cameras", "/cameras", tenant.adminToken(), "{\"name\":\"Dock\"}").json().get("apiKey").asString();

        Http.Response posted = camera("POST /camera/frames", key, JPEG);

        assertThat(posted.status()).isEqualTo(201);
        String objectKey = posted.json().get("objectKey").asString();
        assertThat(objectKey).startsWith("frames/" + tenant.id() + "/");
        assertThat(TestEnvironment.install().s3().getObjectAsBytes(r -> r.bucket(TestEnvironment.BUCKET).key(objectKey)).asByteArray())
                .isEqualTo(JPEG);
        assertThat(camera("POST /camera/frames", key, "not a jpeg".getBytes()).status()).isEqualTo(400);
    }

    @Test
    void aRevokedOrReplacedKeyOrAnInactiveCameraGets401() {
        JsonNode created = call(api, "POST /cameras", "/cameras", tenant.adminToken(), "{\"name\":\"Back door\"}").json();
        String id = created.get("camera").get("id").asString();
        String first = created.get("apiKey").asString();
        assertThat(camera("POST /camera/upload-url", first, null).status()).isEqualTo(200);

        String second = call(api, "POST /cameras/{id}/key", "/cameras/" + id + "/key", tenant.adminToken(), null).json().get("apiKey").asString();
        assertThat(camera("POST /camera/upload-url", first, null).status()).as("replaced").isEqualTo(401);
        assertThat(camera("POST /camera/upload-url", second, null).status()).isEqualTo(200);

        assertThat(call(api, "DELETE /cameras/{id}/key", "/cameras/" + id + "/key", tenant.adminToken(), null).status()).isEqualTo(204);
        assertThat(camera("POST /camera/upload-url", second, null).status()).as("revoked").isEqualTo(401);
        assertThat(camera("POST /camera/frames", second, JPEG).status()).isEqualTo(401);
        assertThat(call(api, "GET /cameras/{id}", "/cameras/" + id, tenant.adminToken(), null).json().get("keyActive").asBoolean()).isFalse();
        AuditQueue.find("CAMERA_KEY_REVOKED", id);

        String third = call(api, "POST /cameras/{id}/key", "/cameras/" + id + "/key", tenant.adminToken(), null).json().get("apiKey").asString();
        Http.Response off = call(api, "PATCH /cameras/{id}", "/cameras/" + id, tenant.adminToken(), "{\"active\":false,\"direction\":\"EXIT\"}");
        assertThat(off.json().get("direction").asString()).isEqualTo("EXIT");
        assertThat(camera("POST /camera/upload-url", third, null).status()).as("inactive camera").isEqualTo(401);
        assertThat(camera("POST /camera/upload-url", null, null).status()).isEqualTo(401);
        assertThat(camera("POST /camera/upload-url", "rcc_guess", null).status()).isEqualTo(401);

        assertThat(call(api, "DELETE /cameras/{id}", "/cameras/" + id, tenant.adminToken(), null).status()).isEqualTo(204);
        assertThat(call(api, "GET /cameras/{id}", "/cameras/" + id, tenant.adminToken(), null).status()).isEqualTo(404);
    }

    private Http.Response camera(String routeKey, String key, byte[] body) {
        return Http.call(api, routeKey, routeKey.substring(routeKey.indexOf(' ') + 1),
                key == null ? Map.of() : Map.of("x-camera-key", key), body, body != null);
    }
}
