package io.rollcall.functions.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.faces.recognition.UnknownFaces;
import io.rollcall.functions.admin.AdminApiFunction;
import io.rollcall.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The console's thumbnails: an enrolled image and an event's crop, as JPEG, only within the organization. */
class FaceImageRoutesTest extends FacesTest {

    @Autowired AdminApiFunction adminApi;
    @Autowired UnknownFaces unknownFaces;

    @Test
    void anEnrolledImageIsServedToItsOrganizationOnly() {
        UUID org = fixtures.organization();
        byte[] photo = fixtures.photo("sample1.jpg");
        byte[] image = FaceFixtures.variantsOf(photo, isolatedFace(photo), 1).get(0);
        UUID user = fixtures.user(org);
        String imageId = body(enroll(org, user, image)).get("imageId").asString();
        Map<String, String> path = Map.of("id", user.toString(), "imageId", imageId);

        APIGatewayV2HTTPResponse mine = enrollFace.apply(FaceFixtures.http("GET /users/{id}/faces/{imageId}", path, token(org, Role.OPERATOR), null, null));
        APIGatewayV2HTTPResponse theirs = enrollFace.apply(FaceFixtures.http("GET /users/{id}/faces/{imageId}", path,
                token(fixtures.organization(), Role.ADMIN), null, null));

        assertThat(mine.getStatusCode()).isEqualTo(200);
        assertThat(mine.getHeaders()).containsEntry("content-type", "image/jpeg");
        assertThat(Base64.getDecoder().decode(mine.getBody())).isEqualTo(image);
        assertThat(theirs.getStatusCode()).isEqualTo(404);
    }

    @Test
    void anEventsCropIsServedToItsOrganizationOnly() {
        UUID org = fixtures.organization();
        UUID imageId = UUID.randomUUID();
        byte[] crop = fixtures.photo("sample1.jpg");
        unknownFaces.store(imageId, org, fixtures.camera(org), Instant.now(), crop);
        UUID eventId = UUID.randomUUID();
        fixtures.jdbc().update("INSERT INTO events (id, organization_id, event_type, severity, reference_id, metadata)"
                + " VALUES (?, ?, 'UNKNOWN_FACE', 'WARNING', ?, '{}'::jsonb)", eventId, org, imageId);

        APIGatewayV2HTTPResponse mine = adminApi.apply(FaceFixtures.http("GET /events/{id}/face", Map.of("id", eventId.toString()),
                token(org, Role.OPERATOR), null, null));
        APIGatewayV2HTTPResponse theirs = adminApi.apply(FaceFixtures.http("GET /events/{id}/face", Map.of("id", eventId.toString()),
                token(fixtures.organization(), Role.ADMIN), null, null));

        assertThat(mine.getStatusCode()).isEqualTo(200);
        assertThat(Base64.getDecoder().decode(mine.getBody())).isEqualTo(crop);
        assertThat(theirs.getStatusCode()).isEqualTo(404);
    }

    @Test
    void aUserSeesTheirOwnFaceImagesAndNobodyElses() {
        UUID org = fixtures.organization();
        byte[] photo = fixtures.photo("sample1.jpg");
        byte[] image = FaceFixtures.variantsOf(photo, isolatedFace(photo), 1).get(0);
        UUID user = fixtures.user(org);
        String imageId = body(enroll(org, user, image)).get("imageId").asString();
        String own = tokens.issue(new io.rollcall.identity.Caller(user, org, Role.USER));
        String colleague = tokens.issue(new io.rollcall.identity.Caller(fixtures.user(org), org, Role.USER));

        var listed = body(enrollFace.apply(FaceFixtures.http("GET /me/faces", Map.of(), own, null, null)));
        APIGatewayV2HTTPResponse mine = enrollFace.apply(FaceFixtures.http("GET /me/faces/{imageId}", Map.of("imageId", imageId), own, null, null));
        APIGatewayV2HTTPResponse theirs = enrollFace.apply(FaceFixtures.http("GET /me/faces/{imageId}", Map.of("imageId", imageId), colleague, null, null));

        assertThat(listed.get("faces")).hasSize(1);
        assertThat(listed.get("faces").get(0).get("id").asString()).isEqualTo(imageId);
        assertThat(Base64.getDecoder().decode(mine.getBody())).isEqualTo(image);
        assertThat(theirs.getStatusCode()).isEqualTo(404);
        assertThat(body(enrollFace.apply(FaceFixtures.http("GET /me/faces", Map.of(), colleague, null, null))).get("faces")).isEmpty();
    }
}
