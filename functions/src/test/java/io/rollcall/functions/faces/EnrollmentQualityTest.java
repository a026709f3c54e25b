package io.rollcall.functions.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.config.ConfigStore;
import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FaceBox;
import io.rollcall.faces.pipeline.PresentationAttacks;
import io.rollcall.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Enrollment's capture checks on real photos (../shared/faces-labelled/compreface): each refusal a 422 with its
 * code, nothing stored; and the warning when a person's photos are near copies of each other.
 */
class EnrollmentQualityTest extends FacesTest {

    static final Path LABELLED = env.root().resolve("../shared/faces-labelled/compreface");

    @Autowired ConfigStore config;

    UUID org;
    UUID user;

    @BeforeEach
    void person() {
        assumeTrue(Files.isDirectory(LABELLED), "the identity-labelled photos are not in " + LABELLED + " (see DESIGN.md)");
        org = fixtures.organization();
        user = fixtures.user(org);
    }

    @Test
    void aLiveFrontalPhotoIsEnrolledWithItsChecks() throws IOException {
        APIGatewayV2HTTPResponse response = enroll(org, user, photo("e2e_D__1.jpg"));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        JsonNode checks = body(response).get("checks");
        assertThat(checks.get("liveness").get("score").asDouble()).isGreaterThanOrEqualTo(0.5);
        assertThat(Math.abs(checks.get("pose").get("yaw").asDouble())).isLessThanOrEqualTo(30);
        assertThat(checks.get("eyes").get("left").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void eachRefusalIsA422WithItsReasonAndStoresNothing() throws IOException {
        byte[] live = photo("e2e_D__1.jpg");
        FaceBox box = largest(live);
        BufferedImage image = FaceFixtures.decode(live);
        int x = box.x() + box.width() / 5;
        int y = Math.max(0, box.y() - box.height());
        byte[] border = FaceFixtures.jpeg(image.getSubimage(x, y, Math.min(image.getWidth() - x, box.width() * 3),
                Math.min(image.getHeight() - y, box.height() * 3)));
        BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(image, 0, 0, null);

        Map<String, byte[]> refused = new java.util.LinkedHashMap<>();
        refused.put("not_live", PresentationAttacks.simulate(live, box, PresentationAttacks.Attack.PRINT, 3));
        refused.put("face_at_border", border);
        refused.put("greyscale_image", FaceFixtures.jpeg(grey));
        refused.put("face_not_frontal", photo("e2e_E__2.jpg"));  // the head turned ~33° (pose model)
        refused.put("eyes_closed", photo("e2e_G__3.jpg"));       // looking down at a phone, lids lowered
        refused.put("no_face", FaceFixtures.jpeg(image.getSubimage(0, 0, 12, 12)));
        for (Map.Entry<String, byte[]> c : refused.entrySet()) {
            APIGatewayV2HTTPResponse response = enroll(org, user, c.getValue());
            assertThat(response.getStatusCode()).as(c.getKey() + ": " + response.getBody()).isEqualTo(422);
            assertThat(body(response).get("error").asString()).as(response.getBody()).isEqualTo(c.getKey());
            assertThat(body(response).get("message").asString()).isNotBlank();
        }
        assertThat(fixtures.jdbc().queryForObject("SELECT count(*) FROM face_images WHERE user_id = ?", Long.class, user))
                .as("nothing stored").isZero();
    }

    @Test
    void theOrganizationsLimitsApplyAndLivenessOffSkipsTheLivenessCheck() throws IOException {
        config.updateOrganization(org, Map.of("enrollment.max_yaw_degrees", JsonNodeFactory.instance.numberNode(45),
                "liveness.mode", JsonNodeFactory.instance.stringNode("off")));
        byte[] live = photo("e2e_D__1.jpg");
        byte[] print = PresentationAttacks.simulate(live, largest(live), PresentationAttacks.Attack.PRINT, 3);

        APIGatewayV2HTTPResponse turned = enroll(org, user, photo("e2e_E__2.jpg"));
        assertThat(turned.getStatusCode()).as("yaw within 45°: %s", turned.getBody()).isEqualTo(201);
        APIGatewayV2HTTPResponse printed = enroll(org, user, print);
        assertThat(printed.getStatusCode()).as("liveness off: %s", printed.getBody()).isNotEqualTo(422);
    }

    @Test
    void photosFromOneSittingAreWarnedAboutAndPhotosFromDifferentDaysAreNot() throws IOException {
        byte[] live = photo("e2e_D__1.jpg");
        List<byte[]> variants = FaceFixtures.variantsOf(live, largest(live), 5); // crops 0, 2 and 4 are not mirrored
        for (byte[] image : List.of(variants.get(0), variants.get(2), variants.get(4))) {
            assertThat(enroll(org, user, image).getStatusCode()).isEqualTo(201);
        }
        JsonNode alike = listed(user);
        assertThat(alike.get("coverage").get("warnings")).extracting(w -> w.get("code").asString()).containsExactly("photos_too_alike");
        assertThat(alike.get("coverage").get("leastAlike").asDouble()).isGreaterThanOrEqualTo(0.92);

        UUID other = fixtures.user(org);
        for (String file : List.of("e2e_J__1.jpg", "e2e_J__2.jpg", "e2e_J__3.jpg")) {
            APIGatewayV2HTTPResponse response = enroll(org, other, photo(file));
            assertThat(response.getStatusCode()).as(file + ": " + response.getBody()).isEqualTo(201);
        }
        JsonNode apart = listed(other);
        assertThat(apart.get("coverage").get("warnings")).isEmpty();
        assertThat(apart.get("coverage").get("leastAlike").asDouble()).isLessThan(0.92);
        assertThat(apart.get("coverage").get("images").asInt()).isEqualTo(3);

        UUID single = fixtures.user(org);
        enroll(org, single, photo("e2e_D__2.jpg"));
        assertThat(listed(single).get("coverage").get("warnings")).extracting(w -> w.get("code").asString()).containsExactly("few_photos");
    }

    private JsonNode listed(UUID person) {
        APIGatewayV2HTTPResponse response = enrollFace.apply(FaceFixtures.http("GET /users/{id}/faces", Map.of("id", person.toString()),
                token(org, Role.OPERATOR), null, null));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return body(response);
    }

    private FaceBox largest(byte[] photo) {
        return pipeline.analyze(photo).stream().map(DetectedFace::box).max(java.util.Comparator.comparingInt(b -> b.width() * b.height()))
                .orElseThrow();
    }

    private static byte[] photo(String name) throws IOException {
        return Files.readAllBytes(LABELLED.resolve(name));
    }
}
