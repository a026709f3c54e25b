package io.rollcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole system as the README's run command starts it (embedded emulators, template wiring), driven over
 * real HTTP and real queues: what the foundation issue says will be checked.
 */
class LocalRuntimeTest {

    static LocalRuntime runtime;
    static JdbcTemplate jdbc;
    static SqsClient sqs;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        TestEnvironment env = TestEnvironment.install(); // a fresh database and a Redis db for this checkout
        Map<String, String> vars = new HashMap<>();
        vars.put("ROLLCALL_ROOT", env.root().toString());
        vars.put("ROLLCALL_PORT", "0");
        vars.put("ROLLCALL_SQS_PORT", "0");
        vars.put("ROLLCALL_S3_PORT", "0");
        vars.put("ROLLCALL_S3_DIR", java.nio.file.Files.createTempDirectory("rollcall-runtime-s3").toString());
        vars.put("ROLLCALL_STACK_NAME", "rt");
        vars.put("ROLLCALL_RETRY_DELAY", "0s");
        vars.put("DATABASE_URL", env.databaseUrl());
        vars.put("REDIS_URL", env.redisUrl());
        vars.put("ROLLCALL_BOOTSTRAP_ORG", "acme");
        vars.put("ROLLCALL_BOOTSTRAP_ADMIN", "boss");
        vars.put("ROLLCALL_BOOTSTRAP_PASSWORD", "first-admin-password");
        runtime = LocalRuntime.start(LocalSettings.fromEnvironment(vars));
        jdbc = new JdbcTemplate(env.dataSource());
        sqs = runtime.lambda().context().getBean(SqsClient.class);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void getHealthSaysUpToAnyoneAndItsDetailsToAnAdmin() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        // DEGRADED when the machine is so busy that a check takes over 1.5 s: still up
        assertThat(response.body()).containsPattern("\"status\":\"(UP|DEGRADED)\"").doesNotContain("\"postgres\"");

        String token = new tools.jackson.databind.json.JsonMapper().readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + runtime.port() + "/auth/login")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"boss\",\"password\":\"first-admin-password\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("accessToken").asString();
        HttpResponse<String> details = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + "/health/details"))
                .header("authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(details.statusCode()).as(details.body()).isEqualTo(200);
        assertThat(details.body()).contains("\"postgres\"", "\"redis\"", "\"s3\"", "\"sqs\"");
        assertThat(get("/health/details").statusCode()).isEqualTo(401);
    }

    @Test
    void theBootstrapAdminCanLogIn() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + "/auth/login"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"boss\",\"password\":\"first-admin-password\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"accessToken\"", "\"expiresIn\"");
    }

    @Test
    void commandsBesideTheRuntimeFindItsStackInItsEnvironmentFile() throws Exception {
        java.nio.file.Path file = TestEnvironment.install().root().resolve("infra/.local/runtime.env");
        String text = java.nio.file.Files.readString(file);
        assertThat(text).contains("AUDIT_QUEUE_URL='" + runtime.stack().queueUrl("AuditQueue") + "'",
                "AWS_ENDPOINT_URL_SQS='", "AWS_ACCESS_KEY_ID='", "MEDIA_BUCKET='rt-media-000000000000'");
        assertThat(java.nio.file.Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void theFunctionsGetTheTemplatesEnvironmentResolved() {
        var env = runtime.lambda().context().getEnvironment();
        assertThat(env.getProperty("AUDIT_QUEUE_URL")).isEqualTo(runtime.stack().queueUrl("AuditQueue"));
        assertThat(env.getProperty("MEDIA_BUCKET")).isEqualTo("rt-media-000000000000");
        assertThat(env.getProperty("SMTP_PORT")).as("a per-function variable, from the parameter's Default").isEqualTo("587");
        assertThat(env.getProperty("SMTP_HOST")).isEqualTo("127.0.0.1");
        assertThat(env.getProperty("MAIN_CLASS")).isEqualTo("io.rollcall.functions.RollCallFunctions");
    }

    @Test
    void anUnknownRouteIsA404InJson() throws Exception {
        HttpResponse<String> response = get("/no/such/route");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"error\":\"not_found\"");
    }

    @Test
    void anAuditMessageOnTheAuditQueueBecomesAnAuditLogsRow() {
        String entity = "e-" + UUID.randomUUID();
        sqs.sendMessage(r -> r.queueUrl(runtime.stack().queueUrl("AuditQueue")).messageBody("""
                {"organizationId":null,"userId":null,"action":"LOCAL_TEST","entityType":"THING","entityId":"%s",
                 "ipAddress":"127.0.0.1","userAgent":"curl","occurredAt":"2026-11-25T08:00:00Z"}""".formatted(entity)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                jdbc.queryForList("SELECT action FROM audit_logs WHERE entity_id = ?", String.class, entity))
                .containsExactly("LOCAL_TEST"));
    }

    @Test
    void aMalformedAuditMessageEndsInTheDeadLetterQueueAndNothingElseIsLost() {
        String dlq = runtime.stack().queueUrl("AuditDeadLetterQueue");
        String good = "e-" + UUID.randomUUID();
        String marker = "not json " + UUID.randomUUID();
        sqs.sendMessage(r -> r.queueUrl(runtime.stack().queueUrl("AuditQueue")).messageBody(marker));
        sqs.sendMessage(r -> r.queueUrl(runtime.stack().queueUrl("AuditQueue")).messageBody("""
                {"action":"AFTER_BAD","entityType":"THING","entityId":"%s"}""".formatted(good)));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Message> dead = sqs.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).visibilityTimeout(0)
                    .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL)).messages();
            assertThat(dead).extracting(Message::body).contains(marker);
            Message m = dead.stream().filter(d -> d.body().equals(marker)).findFirst().orElseThrow();
            assertThat(Integer.parseInt(m.attributesAsStrings().get("ApproximateReceiveCount")))
                    .as("received maxReceiveCount (5) times before dead-lettering").isGreaterThanOrEqualTo(5);
        });
        assertThat(jdbc.queryForList("SELECT action FROM audit_logs WHERE entity_id = ?", String.class, good)).containsExactly("AFTER_BAD");
        String depth = sqs.getQueueAttributes(r -> r.queueUrl(runtime.stack().queueUrl("AuditQueue"))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        assertThat(depth).isEqualTo("0");
    }

    @Test
    void theTemplatesQueuesAndBucketExistWithTheirRedrivePolicies() {
        String redrive = sqs.getQueueAttributes(r -> r.queueUrl(runtime.stack().queueUrl("AttendanceQueue"))
                .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY);
        assertThat(redrive).contains(runtime.stack().queueArn("AttendanceDeadLetterQueue")).contains("5");
        assertThat(runtime.stack().bucketName("MediaBucket")).isEqualTo("rt-media-000000000000");
    }

    @Test
    void everyResponseCarriesTheTemplatesContentSecurityPolicy() throws Exception {
        HttpResponse<String> response = get("/health");

        String csp = response.headers().firstValue("content-security-policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(response.headers().firstValue("x-frame-options")).contains("DENY");
        assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void theRootRedirectsToTheConsole() throws Exception {
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("location")).contains("/console/");
    }

    @Test
    void theConsoleIsServedWithItsOwnRoutesAsIndexHtml() throws Exception {
        java.nio.file.Path dist = TestEnvironment.install().root().resolve("console/dist/index.html");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(dist),
                "console/dist is not built (infra/bin/test builds it before Maven)");
        HttpResponse<String> index = get("/console/people");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(index.body()).contains("<div id=\"root\">").doesNotContain("<script>");
        String script = index.body().replaceAll("(?s).*src=\"(/console/assets/[^\"]+\\.js)\".*", "$1");
        HttpResponse<String> asset = get(script);
        assertThat(asset.statusCode()).as(script).isEqualTo(200);
        assertThat(asset.headers().firstValue("cache-control")).contains("public, max-age=31536000, immutable");
        assertThat(get("/console/assets/missing.js").statusCode()).isEqualTo(404);
        // the kiosk's face detector reads its weights from beside its script
        try (var assets = java.nio.file.Files.list(dist.resolveSibling("assets"))) {
            String weights = assets.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".bin")).findFirst().orElseThrow();
            HttpResponse<String> bin = get("/console/assets/" + weights);
            assertThat(bin.statusCode()).as(weights).isEqualTo(200);
            assertThat(bin.headers().firstValue("content-type")).contains("application/octet-stream");
        }
        assertThat(get("/console/..%2f..%2ftemplate.yaml").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
