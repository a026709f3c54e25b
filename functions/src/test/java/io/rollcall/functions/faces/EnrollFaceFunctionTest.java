package io.rollcall.functions.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.faces.gallery.SnapshotStore;
import io.rollcall.functions.RefusedAuditRecords;
import io.rollcall.identity.Role;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST/GET/DELETE /users/{id}/faces with real photos, the real pipeline and FAISS. */
class EnrollFaceFunctionTest extends FacesTest {

    @Test
    void anEnrolledImageIsStoredWithItsEmbeddingAndItsIndexSnapshot() {
        UUID org = fixtures.organization();
        UUID user = fixtures.user(org);
        byte[] photo = fixtures.photo("sample1.jpg");
        byte[] image = FaceFixtures.variantsOf(photo, isolatedFace(photo), 1).get(0);

        APIGatewayV2HTTPResponse response = enroll(org, user, image);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        JsonNode body = body(response);
        String imageId = body.get("imageId").asString();
        String key = body.get("filePath").asString();
        assertThat(key).isEqualTo("faces/%s/%s/%s.jpg".formatted(org, user, imageId));
        try (var s3 = env.s3()) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(TestEnvironment.BUCKET).key(key)).asByteArray()).isEqualTo(image);
            assertThat(s3.listObjectsV2(b -> b.bucket(TestEnvironment.BUCKET).prefix(SnapshotStore.prefix(org))).contents())
                    .extracting(o -> o.key()).containsExactly(SnapshotStore.key(org, 1));
        }
        Map<String, Object> row = fixtures.jdbc().queryForMap("""
                SELECT i.image_type, i.file_path, i.user_id, e.model_version, e.embedding_index, length(e.embedding) AS bytes
                FROM face_images i JOIN face_embeddings e ON e.image_id = i.id WHERE i.id = ?::uuid""", imageId);
        assertThat(row).containsEntry("image_type", "KNOWN").containsEntry("file_path", key).containsEntry("user_id", user)
                .containsEntry("model_version", pipeline.modelVersion()).containsEntry("bytes", 512 * 4);
        assertThat(((Number) row.get("embedding_index")).longValue()).isEqualTo(body.get("embeddingIndex").asLong());
        assertThat(fixtures.jdbc().queryForObject("SELECT version FROM face_indexes WHERE organization_id = ?", Long.class, org))
                .isEqualTo(1);
        assertThat(messagesOf("audit", org)).extracting(m -> m.get("action").asString()).contains("FACE_ENROLLED");
    }

    @Test
    void aPersonHasAtMostFiveImagesAndADeleteFreesAPlace() {
        UUID org = fixtures.organization();
        byte[] photo = fixtures.photo("sample1.jpg");
        UUID user = enrolledPerson(org, photo, 5);
        byte[] sixth = FaceFixtures.variantsOf(photo, isolatedFace(photo), 6).get(5);

        APIGatewayV2HTTPResponse refused = enroll(org, user, sixth);

        assertThat(refused.getStatusCode()).isEqualTo(409);
        assertThat(body(refused).get("error").asString()).isEqualTo("conflict");
        JsonNode listed = body(enrollFace.apply(FaceFixtures.http("GET /users/{id}/faces", Map.of("id", user.toString()),
                token(org, Role.ADMIN), null, null)));
        assertThat(listed.get("faces")).hasSize(5);

        String first = listed.get("faces").get(0).get("id").asString();
        String firstKey = listed.get("faces").get(0).get("filePath").asString();
        APIGatewayV2HTTPResponse deleted = enrollFace.apply(FaceFixtures.http("DELETE /users/{id}/faces/{imageId}",
                Map.of("id", user.toString(), "imageId", first), token(org, Role.ADMIN), null, null));
        assertThat(deleted.getStatusCode()).isEqualTo(204);
        assertThat(fixtures.jdbc().queryForObject("SELECT count(*) FROM face_embeddings WHERE image_id = ?::uuid", Integer.class, first))
                .isZero();
        try (var s3 = env.s3()) {
            assertThat(s3.listObjectsV2(b -> b.bucket(TestEnvironment.BUCKET).prefix(firstKey)).contents()).isEmpty();
        }
        assertThat(fixtures.jdbc().queryForObject("SELECT vectors FROM face_indexes WHERE organization_id = ?", Integer.class, org))
                .isEqualTo(4);
        assertThat(enroll(org, user, sixth).getStatusCode()).isEqualTo(201);
    }

    @Test
    void aFaceWhoseAuditRecordCannotBeWrittenIsNeitherAddedNorDeleted() {
        UUID org = fixtures.organization();
        byte[] photo = fixtures.photo("sample1.jpg");
        UUID user = enrolledPerson(org, photo, 1);
        String kept = fixtures.jdbc().queryForObject("SELECT id::text FROM face_images WHERE user_id = ?", String.class, user);
        byte[] second = FaceFixtures.variantsOf(photo, isolatedFace(photo), 2).get(1);

        try (var refused = RefusedAuditRecords.of(fixtures.jdbc(), org)) {
            assertThat(enroll(org, user, second).getStatusCode()).isEqualTo(500);
            assertThat(enrollFace.apply(FaceFixtures.http("DELETE /users/{id}/faces/{imageId}",
                    Map.of("id", user.toString(), "imageId", kept), token(org, Role.ADMIN), null, null)).getStatusCode())
                    .isEqualTo(500);
        }

        assertThat(fixtures.jdbc().queryForList("SELECT id::text FROM face_images WHERE user_id = ?", String.class, user))
                .as("changed iff audited").containsExactly(kept);
        try (var s3 = env.s3()) {
            assertThat(s3.listObjectsV2(b -> b.bucket(TestEnvironment.BUCKET).prefix("faces/%s/%s/".formatted(org, user))).contents())
                    .as("the refused photo's upload is removed").extracting(o -> o.key()).singleElement().asString().contains(kept);
        }
        assertThat(enroll(org, user, second).getStatusCode()).as("enrolls once the audit works again").isEqualTo(201);
    }

    @Test
    void anotherOrganizationsUserIsNotFound() {
        UUID org = fixtures.organization();
        UUID other = fixtures.organization();
        UUID user = fixtures.user(other);
        byte[] photo = fixtures.photo("sample1.jpg");

        assertThat(enroll(org, user, FaceFixtures.variantsOf(photo, isolatedFace(photo), 1).get(0)).getStatusCode()).isEqualTo(404);
        assertThat(enrollFace.apply(FaceFixtures.http("GET /users/{id}/faces", Map.of("id", user.toString()),
                token(org, Role.ADMIN), null, null)).getStatusCode()).isEqualTo(404);
        assertThat(enrollFace.apply(FaceFixtures.http("DELETE /users/{id}/faces/{imageId}",
                Map.of("id", user.toString(), "imageId", UUID.randomUUID().toString()), token(org, Role.ADMIN), null, null))
                .getStatusCode()).isEqualTo(404);
        assertThat(fixtures.jdbc().queryForObject("SELECT count(*) FROM face_images WHERE user_id = ?", Integer.class, user)).isZero();
    }

    @Test
    void onlyAdminsAndOperatorsEnroll() {
        UUID org = fixtures.organization();
        UUID user = fixtures.user(org);
        APIGatewayV2HTTPResponse response = enrollFace.apply(FaceFixtures.http("POST /users/{id}/faces",
                Map.of("id", user.toString()), token(org, Role.USER), "image/jpeg", FaceFixtures.blank()));
        assertThat(response.getStatusCode()).isEqualTo(403);
    }

    @Test
    void badImagesAreClearClientErrors() {
        UUID org = fixtures.organization();
        UUID user = fixtures.user(org);
        byte[] photo = fixtures.photo("sample1.jpg");

        assertError(enroll(org, user, new byte[0]), 400, "empty_image");
        assertError(enroll(org, user, "just some text, not a picture".getBytes(StandardCharsets.UTF_8)), 415, "not_an_image");
        assertError(enroll(org, user, Arrays.copyOf(photo, photo.length / 2)), 400, "truncated");
        assertError(enroll(org, user, FaceFixtures.hugePngHeader()), 413, "too_large");
        assertError(enroll(org, user, FaceFixtures.blank()), 422, "no_face");
        assertError(enroll(org, user, photo), 422, "many_faces");
        byte[] oneSmallFace = FaceFixtures.scaled(FaceFixtures.variantsOf(photo, isolatedFace(photo), 1).get(0), 0.25);
        assertError(enroll(org, user, oneSmallFace), 422, "face_too_small");
        assertThat(fixtures.jdbc().queryForObject("SELECT count(*) FROM face_images WHERE user_id = ?", Integer.class, user)).isZero();
    }

    @Test
    void aBrowsersMultipartUploadIsAcceptedAndSeveralFilesAreRefusedNotDropped() {
        UUID org = fixtures.organization();
        UUID user = fixtures.user(org);
        byte[] photo = fixtures.photo("sample1.jpg");
        byte[] image = FaceFixtures.variantsOf(photo, isolatedFace(photo), 1).get(0);
        // what Chromium sends: a mixed-case boundary, a text field before the file
        String boundary = "----WebKitFormBoundaryQ7mZk3XyTbRa9LpW";

        APIGatewayV2HTTPResponse response = enrollFace.apply(FaceFixtures.http("POST /users/{id}/faces",
                Map.of("id", user.toString()), token(org, Role.ADMIN), "multipart/form-data; boundary=" + boundary,
                multipart(boundary, image)));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        String key = body(response).get("filePath").asString();
        try (var s3 = env.s3()) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(TestEnvironment.BUCKET).key(key)).asByteArray()).isEqualTo(image);
        }

        APIGatewayV2HTTPResponse twoFiles = enrollFace.apply(FaceFixtures.http("POST /users/{id}/faces",
                Map.of("id", user.toString()), token(org, Role.ADMIN), "multipart/form-data; boundary=\"" + boundary + "\"",
                multipart(boundary, image, image)));
        assertError(twoFiles, 400, "too_many_files");
        assertThat(body(twoFiles).get("message").asString()).contains("2 files", "one image per request");
        assertThat(fixtures.jdbc().queryForObject("SELECT count(*) FROM face_images WHERE user_id = ?", Integer.class, user))
                .as("nothing of the refused upload is kept").isEqualTo(1);
    }

    /** A multipart/form-data body as a browser builds it: a text field, then one part per file. */
    static byte[] multipart(String boundary, byte[]... files) {
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < files.length; i++) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"me" + i
                    + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            body.writeBytes(files[i]);
            body.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return body.toByteArray();
    }

    void assertError(APIGatewayV2HTTPResponse response, int status, String code) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        JsonNode body = body(response);
        assertThat(body.get("error").asString()).isEqualTo(code);
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(List.of(response.getHeaders().get("content-type"))).containsExactly("application/json");
    }
}
