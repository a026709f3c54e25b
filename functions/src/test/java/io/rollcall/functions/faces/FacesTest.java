package io.rollcall.functions.faces;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FaceBox;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.functions.FunctionTest;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import io.rollcall.testing.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Shared set-up of the faces tests: the real pipeline and FAISS, real Postgres, S3 and SQS. */
abstract class FacesTest extends FunctionTest {

    static {
        FaceFixtures.useRepositoryModels(env);
    }

    static final FaceFixtures fixtures = new FaceFixtures(env);

    @Autowired EnrollFaceFunction enrollFace;
    @Autowired RecognizeApiFunction recognizeApi;
    @Autowired AccessTokens tokens;
    @Autowired JsonMapper json;
    @Autowired FacePipeline pipeline;

    String token(UUID organizationId, Role role) {
        return tokens.issue(new Caller(UUID.randomUUID(), organizationId, role));
    }

    APIGatewayV2HTTPResponse enroll(UUID organizationId, UUID userId, byte[] image) {
        return enrollFace.apply(FaceFixtures.http("POST /users/{id}/faces", Map.of("id", userId.toString()),
                token(organizationId, Role.OPERATOR), "image/jpeg", image));
    }

    APIGatewayV2HTTPResponse recognize(UUID organizationId, byte[] image) {
        return recognizeApi.apply(FaceFixtures.http("POST /recognize", Map.of(), token(organizationId, Role.OPERATOR),
                "image/jpeg", image));
    }

    JsonNode body(APIGatewayV2HTTPResponse response) {
        return json.readTree(response.getBody());
    }

    /** A face of the photo far enough from the others that generous crops around it show only it; the largest such. */
    FaceBox isolatedFace(byte[] photo) {
        List<DetectedFace> faces = pipeline.analyze(photo);
        return faces.stream().map(DetectedFace::box)
                .filter(box -> faces.stream().map(DetectedFace::box).filter(o -> o != box).noneMatch(o -> overlaps(grow(box, 0.9), o)))
                .max(Comparator.comparingInt(FaceBox::sizePx))
                .orElseThrow(() -> new AssertionError("no isolated face in the photo"));
    }

    /** Enrolls {@code count} variants of the photo's isolated face for a new user; returns the user. */
    UUID enrolledPerson(UUID organizationId, byte[] photo, int count) {
        UUID user = fixtures.user(organizationId);
        for (byte[] image : FaceFixtures.variantsOf(photo, isolatedFace(photo), count)) {
            APIGatewayV2HTTPResponse response = enroll(organizationId, user, image);
            if (response.getStatusCode() != 201) {
                throw new AssertionError("enrollment failed: " + response.getStatusCode() + " " + response.getBody());
            }
        }
        return user;
    }

    /** Puts a frame where a camera would and returns its key. */
    String putFrame(UUID organizationId, UUID cameraId, String name, byte[] bytes) {
        String key = "frames/%s/%s/%s".formatted(organizationId, cameraId, name);
        try (var s3 = env.s3()) {
            s3.putObject(b -> b.bucket(TestEnvironment.BUCKET).key(key), RequestBody.fromBytes(bytes));
        }
        return key;
    }

    List<JsonNode> messagesOf(String queue, UUID organizationId) {
        return fixtures.drain(queue).stream().map(json::readTree)
                .filter(m -> organizationId.toString().equals(m.get("organizationId").asString()))
                .toList();
    }

    private static FaceBox grow(FaceBox b, double margin) {
        int mx = (int) (b.width() * margin);
        int my = (int) (b.height() * margin);
        return new FaceBox(b.x() - mx, b.y() - my, b.width() + 2 * mx, b.height() + 2 * my);
    }

    private static boolean overlaps(FaceBox a, FaceBox b) {
        return a.x() < b.x() + b.width() && b.x() < a.x() + a.width() && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
    }

    @Autowired org.springframework.context.ApplicationContext applicationContext;

    /**
     * For tests about something else (the index, consent and erasure) that enroll crops of group photos, some of
     * which the liveness network scores low and some of which look aside: the capture checks are
     * EnrollmentQualityTest's and LivenessTest's.
     */
    UUID organizationWithoutCaptureChecks() {
        UUID org = fixtures.organization();
        var node = tools.jackson.databind.node.JsonNodeFactory.instance;
        applicationContext.getBean(io.rollcall.config.ConfigStore.class).updateOrganization(org, java.util.Map.of(
                "liveness.mode", node.stringNode("off"),
                "enrollment.max_yaw_degrees", node.numberNode(90), "enrollment.max_pitch_degrees", node.numberNode(90)));
        return org;
    }
}
