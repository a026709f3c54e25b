package io.rollcall.functions.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.faces.gallery.Gallery;
import io.rollcall.faces.gallery.GalleryVectors;
import io.rollcall.faces.imports.ImportPeople;
import io.rollcall.faces.index.SearchResult;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.functions.admin.OrganizationTest;
import io.rollcall.functions.identity.AuditQueue;
import io.rollcall.faces.imports.PhotoZips;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk enrollment end to end: the routes, the files uploaded through the presigned links to the S3 emulator, the
 * runner with the real models, the face index, and a job stopped half-way and resumed.
 */
class ImportPeopleTest extends OrganizationTest {

    /**
     * Two real people, three photos of each taken on different occasions (../shared/faces-labelled, beside the
     * repository) that pass every enrollment check: copies of one photo would be the same face to the model, and a
     * re-run check would skip them.
     */
    static List<List<byte[]>> people;
    /** A real person's head turned about 33° (the pose model's yaw): refused as any one-by-one enrollment is. */
    static byte[] turned;
    static byte[] group;
    static byte[] noFace;

    @Autowired EnrollFaceFunction api;
    @Autowired ImportPeople imports;
    @Autowired FacePipeline pipeline;
    @Autowired Gallery gallery;
    @Autowired GalleryVectors vectors;
    @Autowired JsonMapper json;

    @BeforeEach
    void photos() throws Exception {
        if (people != null) {
            return;
        }
        group = Files.readAllBytes(env.root().resolve("models/cache/photos/sample1.jpg"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(group));
        noFace = jpeg(image.getSubimage(0, 0, 300, 200));   // a corner of the room
        java.nio.file.Path labelled = env.root().getParent().resolve("shared/faces-labelled/compreface");
        Assumptions.assumeTrue(Files.isDirectory(labelled), "needs the identity-labelled photos in " + labelled);
        people = new java.util.ArrayList<>();
        turned = Files.readAllBytes(labelled.resolve("e2e_E__2.jpg"));
        for (String identity : List.of("e2e_J", "sample_A")) {
            List<byte[]> photos = new java.util.ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                photos.add(Files.readAllBytes(labelled.resolve(identity + "__" + n + ".jpg")));
            }
            people.add(photos);
        }
    }

    @Test
    void anAdminImportsPeopleAndPhotosAndEveryRowGetsItsResult() throws Exception {
        Map<String, byte[]> zip = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            zip.put("ann/" + i + ".jpg", people.get(0).get(i));
            zip.put("bob_" + (i + 1) + ".jpg", people.get(1).get(i));
        }
        zip.put("ann/again.jpg", people.get(0).get(0)); // the same photo twice in one row: stored once
        zip.put("cid.jpg", noFace);
        zip.put("dee.jpg", people.get(0).get(1));     // Ann's face under another name
        zip.put("fay.jpg", group);                   // several people
        zip.put("hen.jpg", turned);                  // not frontal: the enrollment checks run on imports too
        zip.put("__MACOSX/._ann.jpg", new byte[] {1, 2, 3});
        String csv = """
                username,name,employee_code,department,email,role
                ann,Ann Lee,E1,Ops,ann@example.com,
                bob,Bob Ray,E2,Ops,,operator
                cid,Cid Sun,E3,Sales,,
                dee,Dee Fox,E4,Sales,,
                eve,Eve Kim,E5,Sales,not-an-address,
                fay,Fay Wu,E6,Sales,,
                gus,Gus Oak,E7,Sales,,
                hen,Hen Ito,E8,Sales,,
                """;
        long versionBefore = indexVersion();

        UUID job = createAndUpload(csv, zip);
        APIGatewayV2HTTPResponse started = call("POST /imports/{id}/start", job);
        assertThat(started.getStatusCode()).isEqualTo(202);
        assertThat(call("POST /imports/{id}/start", job).getStatusCode()).as("started twice").isEqualTo(409);

        imports.runDue(Instant.now().plusSeconds(600));

        JsonNode progress = json.readTree(call("GET /imports/{id}", job).getBody());
        assertThat(progress.at("/job/state").asString()).isEqualTo("DONE");
        assertThat(progress.at("/job/totalRows").asInt()).isEqualTo(8);
        Map<String, JsonNode> rows = rows(job);
        assertThat(rows.get("ann").get("status").asString()).isEqualTo("ENROLLED");
        assertThat(rows.get("ann").get("photosEnrolled").asInt()).isEqualTo(4);
        assertThat(rows.get("ann").get("detail")).filteredOn(photo -> photo.get("photo").asString().equals("ann/again.jpg"))
                .singleElement().satisfies(photo -> assertThat(photo.get("reason").asString()).contains("already enrolled"));
        assertThat(rows.get("ann").get("userCreated").asBoolean()).isTrue();
        assertThat(rows.get("bob").get("photosEnrolled").asInt()).isEqualTo(3);
        assertThat(refusalCodes(rows.get("cid"))).containsExactly("no_face");
        assertThat(refusalCodes(rows.get("dee"))).containsExactly("duplicate_face");
        assertThat(rows.get("dee").get("status").asString()).isEqualTo("REFUSED");
        assertThat(rows.get("eve").get("status").asString()).isEqualTo("INVALID");
        assertThat(rows.get("eve").at("/detail/email").isMissingNode()).isFalse();
        assertThat(refusalCodes(rows.get("fay"))).containsExactly("many_faces");
        assertThat(refusalCodes(rows.get("gus"))).containsExactly("no_photos");
        assertThat(refusalCodes(rows.get("hen"))).containsExactly("face_not_frontal");
        assertThat(rows.get("hen").get("status").asString()).isEqualTo("REFUSED");
        assertThat(progress.at("/counts/photosEnrolled").asInt()).isEqualTo(7);

        UUID ann = UUID.fromString(rows.get("ann").get("userId").asString());
        assertThat(jdbc.queryForObject("SELECT role_id FROM users WHERE id = ?", Integer.class,
                UUID.fromString(rows.get("bob").get("userId").asString()))).as("bob is an OPERATOR").isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT full_name FROM user_profiles WHERE user_id = ?", String.class, ann)).isEqualTo("Ann Lee");
        assertThat(indexVersion()).as("the index is published once, not per photo").isEqualTo(versionBefore + 1);
        assertThat(ownerOfBestMatch(people.get(0).get(2))).isEqualTo(ann);
        for (String action : List.of("IMPORT_CREATED", "IMPORT_STARTED", "IMPORT_FINISHED")) {
            assertThat(AuditQueue.find(action, job.toString(), org).get("userId").asString()).as(action)
                    .isEqualTo(admin.userId().toString());
        }
        assertThat(AuditQueue.find("USER_CREATED", ann.toString(), org)).isNotNull();
        try (var s3 = env.s3()) {
            assertThat(s3.listObjectsV2(r -> r.bucket(io.rollcall.testing.TestEnvironment.BUCKET).prefix("imports/" + org + "/" + job)).contents())
                    .as("the uploaded files are gone once the job is done").isEmpty();
            assertThat(s3.listObjectsV2(r -> r.bucket(io.rollcall.testing.TestEnvironment.BUCKET).prefix("faces/" + org + "/" + ann + "/"))
                    .contents()).extracting(o -> o.key()).as("each of Ann's photos stored once, under its row's path")
                    .containsExactlyInAnyOrderElementsOf(jdbc.queryForList("SELECT file_path FROM face_images WHERE user_id = ?",
                            String.class, ann)).hasSize(3);
        }
    }

    @Test
    void aJobStoppedHalfWayResumesWithoutDoingAnythingTwiceAndARerunImportsNothingNew() throws Exception {
        Map<String, byte[]> zip = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            zip.put("hal/" + i + ".jpg", people.get(0).get(i));
            zip.put("ida/" + i + ".jpg", people.get(1).get(i));
        }
        String csv = "username,name\nhal,Hal Ng\nida,Ida Poe\n";
        UUID job = createAndUpload(csv, zip);
        call("POST /imports/{id}/start", job);

        imports.runDue(Instant.now().plusSeconds(600), 1);   // one person, then the runner stops
        assertThat(state(job)).isEqualTo("RUNNING");
        // as if the runner had died after storing Hal's photos but before writing his result
        jdbc.update("UPDATE import_rows SET status = 'PENDING', detail = NULL WHERE job_id = ? AND username = 'hal'", job);
        imports.runDue(Instant.now().plusSeconds(600));

        assertThat(state(job)).isEqualTo("DONE");
        Map<String, JsonNode> rows = rows(job);
        UUID hal = UUID.fromString(rows.get("hal").get("userId").asString());
        assertThat(rows.get("hal").get("photosEnrolled").asInt()).isEqualTo(3);
        assertThat(rows.get("ida").get("photosEnrolled").asInt()).isEqualTo(3);
        assertThat(imageCount(hal)).as("no photo stored twice").isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users WHERE organization_id = ? AND username = 'hal'",
                Integer.class, org)).isEqualTo(1);

        UUID again = createAndUpload(csv, zip);
        call("POST /imports/{id}/start", again);
        imports.runDue(Instant.now().plusSeconds(600));
        Map<String, JsonNode> rerun = rows(again);
        assertThat(rerun.get("hal").get("userCreated").asBoolean()).isFalse();
        assertThat(rerun.get("hal").get("status").asString()).isEqualTo("ENROLLED");
        assertThat(imageCount(hal)).as("a re-run enrolls nothing new").isEqualTo(3);
    }

    @Test
    void badFilesAndMissingFilesGetAClearAnswer() throws Exception {
        JsonNode created = json.readTree(api.apply(fixtures.request("POST /imports", admin, Map.of(), Map.of(), null)).getBody());
        UUID waiting = UUID.fromString(created.at("/import/id").asString());
        APIGatewayV2HTTPResponse missing = call("POST /imports/{id}/start", waiting);
        assertThat(missing.getStatusCode()).isEqualTo(409);
        JsonNode error = json.readTree(missing.getBody());
        assertThat(error.get("error").asString()).isEqualTo("files_missing");
        assertThat(error.at("/fields/people").isMissingNode()).isFalse();
        assertThat(error.at("/fields/photos").isMissingNode()).isFalse();

        UUID notZip = createAndUpload("username\njo\n", null);
        call("POST /imports/{id}/start", notZip);
        UUID noUsernames = createAndUpload("name,email\nJo,jo@example.com\n", Map.of("jo.jpg", noFace));
        call("POST /imports/{id}/start", noUsernames);
        imports.runDue(Instant.now().plusSeconds(600));

        JsonNode failedZip = json.readTree(call("GET /imports/{id}", notZip).getBody());
        assertThat(failedZip.at("/job/state").asString()).isEqualTo("FAILED");
        assertThat(failedZip.at("/job/error").asString()).contains("not a zip");
        JsonNode failedCsv = json.readTree(call("GET /imports/{id}", noUsernames).getBody());
        assertThat(failedCsv.at("/job/error").asString()).contains("no username column");

        assertThat(api.apply(fixtures.request("GET /imports/{id}", operator, Map.of("id", notZip.toString()), Map.of(), null))
                .getStatusCode()).as("ADMIN only").isEqualTo(403);
    }

    /** Creates an import, then PUTs the files to its presigned links as a browser or script would. */
    private UUID createAndUpload(String csv, Map<String, byte[]> photos) throws Exception {
        APIGatewayV2HTTPResponse response = api.apply(fixtures.request("POST /imports", admin, Map.of(), Map.of(), null));
        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode created = json.readTree(response.getBody());
        put(created.at("/uploads/people").asString(), "text/csv", csv.getBytes());
        put(created.at("/uploads/photos").asString(), "application/zip", photos == null ? "not a zip".getBytes() : PhotoZips.of(photos));
        return UUID.fromString(created.at("/import/id").asString());
    }

    private static void put(String url, String contentType, byte[] body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("content-type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private APIGatewayV2HTTPResponse call(String route, UUID job) {
        return api.apply(fixtures.request(route, admin, Map.of("id", job.toString()), Map.of(), null));
    }

    private String state(UUID job) throws Exception {
        return json.readTree(call("GET /imports/{id}", job).getBody()).at("/job/state").asString();
    }

    private Map<String, JsonNode> rows(UUID job) throws Exception {
        JsonNode page = json.readTree(api.apply(fixtures.request("GET /imports/{id}/rows", admin, Map.of("id", job.toString()),
                Map.of("size", "100"), null)).getBody());
        Map<String, JsonNode> byUsername = new LinkedHashMap<>();
        page.get("items").forEach(row -> byUsername.put(row.get("username").asString(), row));
        return byUsername;
    }

    private static List<String> refusalCodes(JsonNode row) {
        List<String> codes = new java.util.ArrayList<>();
        row.get("detail").forEach(photo -> {
            if ("refused".equals(photo.path("result").asString())) {
                codes.add(photo.get("code").asString());
            }
        });
        return codes;
    }

    private long indexVersion() {
        List<Long> version = jdbc.queryForList("SELECT version FROM face_indexes WHERE organization_id = ?", Long.class, org);
        return version.isEmpty() ? 0 : version.get(0);
    }

    private int imageCount(UUID user) {
        return jdbc.queryForObject("SELECT count(*) FROM face_images WHERE user_id = ?", Integer.class, user);
    }

    private UUID ownerOfBestMatch(byte[] photo) {
        float[] vector = pipeline.analyze(photo).get(0).embedding().vector();
        SearchResult result = gallery.search(org, vector, 1);
        return vectors.matchable(org, new long[] {result.id(0, 0)}).get(result.id(0, 0)).userId();
    }




    private static BufferedImage rgb(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        copy.getGraphics().drawImage(image, 0, 0, null);
        return copy;
    }

    private static byte[] jpeg(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(rgb(image), "jpg", out);
        return out.toByteArray();
    }
}
