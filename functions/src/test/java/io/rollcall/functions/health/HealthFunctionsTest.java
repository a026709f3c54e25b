package io.rollcall.functions.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.rollcall.functions.FunctionTest;
import io.rollcall.health.HealthCheck;
import io.rollcall.health.HealthReport;
import io.rollcall.health.HealthService;
import io.rollcall.health.HealthStatus;
import io.rollcall.health.SystemHealthRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs on queues of its own (a context of its own): it empties dead-letter queues and drains the events queue,
 * which would take messages other tests are waiting for.
 */
class HealthFunctionsTest extends FunctionTest {

    static final Map<String, String> queues = env.createQueues("health-");

    @DynamicPropertySource
    static void queuesOfItsOwn(DynamicPropertyRegistry registry) {
        queues.forEach((name, url) -> registry.add("rollcall.queues." + name, () -> url));
    }

    @Autowired ReportHealthFunction reportHealth;
    @Autowired HealthApiFunction healthApi;
    @Autowired io.rollcall.identity.AccessTokens tokens;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;
    @Autowired SystemHealthRepository repository;

    @org.junit.jupiter.api.BeforeEach
    void emptyDeadLetterQueues() {
        try (var sqs = env.sqs()) {
            for (String queue : List.of("attendance-dlq", "audit-dlq", "events-dlq")) {
                sqs.purgeQueue(r -> r.queueUrl(queues.get(queue)));
            }
        }
    }

    @Test
    void reportHealthChecksEveryDependencyForRealAndRecordsTheResult() {
        int before = jdbc.queryForObject("SELECT count(*) FROM system_health", Integer.class);

        HealthReport report = reportHealth.apply(new ScheduledEvent());

        assertThat(report.dependencies()).extracting(d -> d.name())
                .containsExactlyInAnyOrder("postgres", "redis", "s3", "sqs", "dead-letters", "face-index", "memory");
        assertThat(report.dependencies()).filteredOn(d -> !d.name().equals("memory")).allSatisfy(d -> assertThat(d.status()).as(d.name() + ": " + d.detail()).isEqualTo(HealthStatus.UP));
        assertThat(report.dependencies()).filteredOn(d -> d.name().equals("sqs")).first()
                .satisfies(d -> assertThat(d.detail()).contains("audit"));
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT service_name, status FROM system_health ORDER BY id DESC LIMIT 8");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM system_health", Integer.class)).isEqualTo(before + 8);
        assertThat(rows).extracting(r -> r.get("service_name"))
                .containsExactlyInAnyOrder("rollcall", "postgres", "redis", "s3", "sqs", "dead-letters", "face-index", "memory");
    }

    @Test
    void getHealthTellsAStrangerUpOrDownAndNothingElse() {
        String org = java.util.UUID.randomUUID().toString();
        try (var s3 = env.s3()) {
            s3.putObject(r -> r.bucket(io.rollcall.testing.TestEnvironment.BUCKET).key("indexes/" + org + "/snapshot-1.faiss"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("index"));
        }
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /health").withRawPath("/health").build();

        APIGatewayV2HTTPResponse response = healthApi.apply(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("status").asString()).isIn("UP", "DEGRADED");
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("status", "checkedAt");
        assertThat(response.getBody()).doesNotContain(org, "PostgreSQL", "bucket", "queued");
    }

    @Test
    void anAdminSeesEveryDependencyButNoOtherOrganization() {
        java.util.UUID own = java.util.UUID.randomUUID();
        String other = java.util.UUID.randomUUID().toString();
        try (var s3 = env.s3()) {
            for (String org : List.of(own.toString(), other)) {
                s3.putObject(r -> r.bucket(io.rollcall.testing.TestEnvironment.BUCKET).key("indexes/" + org + "/snapshot-1.faiss"),
                        software.amazon.awssdk.core.sync.RequestBody.fromString("index"));
            }
        }
        String token = tokens.issue(new io.rollcall.identity.Caller(java.util.UUID.randomUUID(), own, io.rollcall.identity.Role.ADMIN));
        APIGatewayV2HTTPResponse response = healthApi.apply(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /health/details")
                .withHeaders(java.util.Map.of("authorization", "Bearer " + token)).build());

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("dependencies")).hasSize(7);
        assertThat(response.getBody()).contains(own + " 0 min").doesNotContain(other);
    }

    @Test
    void aFailingDependencyIsDownAndAHangingOneTimesOut() {
        HealthCheck broken = HealthCheck.of("broken", () -> {
            throw new IllegalStateException("connection refused");
        });
        HealthCheck hanging = HealthCheck.of("hanging", () -> {
            Thread.sleep(60_000);
            return "never";
        });
        HealthCheck fine = HealthCheck.of("fine", () -> "ok");

        HealthReport report = new HealthService(List.of(broken, hanging, fine), repository).check();

        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(report.dependencies()).extracting(d -> d.name() + "=" + d.status())
                .containsExactly("broken=DOWN", "hanging=DOWN", "fine=UP");
        assertThat(report.dependencies().get(0).detail()).isEqualTo("connection refused");
        assertThat(report.dependencies().get(1).detail()).contains("no answer");
    }

    @Test
    void deadLettersDegradeTheSystemAndEachTransitionRaisesAnEventForEveryOrganization() {
        java.util.UUID org = java.util.UUID.randomUUID();
        jdbc.update("INSERT INTO organizations (id, name, legal_name, code) VALUES (?, 'H', 'H Ltd', ?)", org, "h-" + org);
        try (var sqs = env.sqs()) {
            // the baseline: no dead letters (this class's other tests may leave some)
            for (String dlq : List.of("attendance-dlq", "audit-dlq", "events-dlq")) {
                sqs.purgeQueue(r -> r.queueUrl(queues.get(dlq)));
            }
            reportHealth.apply(new ScheduledEvent());
            // each transition raises an event per active organization, and other tests leave many organizations
            sqs.purgeQueue(r -> r.queueUrl(queues.get("events")));

            sqs.sendMessage(r -> r.queueUrl(queues.get("audit-dlq")).messageBody("{\"lost\":true}"));

            HealthReport degraded = reportHealth.apply(new ScheduledEvent());

            assertThat(degraded.dependencies()).filteredOn(d -> d.name().equals("dead-letters")).first()
                    .satisfies(d -> assertThat(d.status()).isEqualTo(HealthStatus.DEGRADED))
                    .satisfies(d -> assertThat(d.detail()).contains("audit-dlq 1"));
            assertThat(degraded.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(raisedFor(sqs, org)).contains("SERVICE_DEGRADED:dead-letters", "SERVICE_DEGRADED:rollcall");

            sqs.purgeQueue(r -> r.queueUrl(queues.get("audit-dlq")));
            reportHealth.apply(new ScheduledEvent());
            assertThat(raisedFor(sqs, org)).contains("SERVICE_RECOVERED:dead-letters");
        }
    }

    @Test
    void theAgeOfEachOrganizationsFaceIndexSnapshotIsReported() {
        String org = java.util.UUID.randomUUID().toString();
        try (var s3 = env.s3()) {
            s3.putObject(r -> r.bucket(io.rollcall.testing.TestEnvironment.BUCKET).key("indexes/" + org + "/snapshot-1.faiss"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("index"));
        }
        HealthReport report = reportHealth.apply(new ScheduledEvent());
        assertThat(report.dependencies()).filteredOn(d -> d.name().equals("face-index")).first()
                .satisfies(d -> assertThat(d.detail()).contains(org + " 0 min"));
    }

    /** TYPE:service of the events raised on the events queue for {@code org}, deleting every message read. */
    private List<String> raisedFor(software.amazon.awssdk.services.sqs.SqsClient sqs, java.util.UUID org) {
        List<String> found = new java.util.ArrayList<>();
        // reportHealth sent its events before returning: read until the queue is drained
        for (int round = 0; round < 500; round++) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(queues.get("events")).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (var m : messages) {
                JsonNode event = json.readTree(m.body());
                if (event.get("organizationId").asString().equals(org.toString())) {
                    found.add(event.get("type").asString() + ":" + event.get("metadata").get("service").asString());
                }
                sqs.deleteMessage(r -> r.queueUrl(queues.get("events")).receiptHandle(m.receiptHandle()));
            }
        }
        return found;
    }

    @Test
    void anUnknownRouteIsA404InJson() {
        APIGatewayV2HTTPResponse response = healthApi.apply(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /nope").build());

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(json.readTree(response.getBody()).get("error").asString()).isEqualTo("not_found");
    }

}
