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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HealthFunctionsTest extends FunctionTest {

    @Autowired ReportHealthFunction reportHealth;
    @Autowired HealthApiFunction healthApi;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;
    @Autowired SystemHealthRepository repository;

    @Test
    void reportHealthChecksEveryDependencyForRealAndRecordsTheResult() {
        int before = jdbc.queryForObject("SELECT count(*) FROM system_health", Integer.class);

        HealthReport report = reportHealth.apply(new ScheduledEvent());

        assertThat(report.dependencies()).extracting(d -> d.name())
                .containsExactlyInAnyOrder("postgres", "redis", "s3", "sqs");
        assertThat(report.dependencies()).allSatisfy(d -> assertThat(d.status()).as(d.name() + ": " + d.detail()).isEqualTo(HealthStatus.UP));
        assertThat(report.status()).isEqualTo(HealthStatus.UP);
        assertThat(report.dependencies()).filteredOn(d -> d.name().equals("sqs")).first()
                .satisfies(d -> assertThat(d.detail()).contains("audit"));
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT service_name, status FROM system_health ORDER BY id DESC LIMIT 5");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM system_health", Integer.class)).isEqualTo(before + 5);
        assertThat(rows).extracting(r -> r.get("service_name"))
                .containsExactlyInAnyOrder("rollcall", "postgres", "redis", "s3", "sqs");
    }

    @Test
    void getHealthAnswersTheStateOfEachDependencyAsJson() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /health").withRawPath("/health").build();

        APIGatewayV2HTTPResponse response = healthApi.apply(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("status").asString()).isEqualTo("UP");
        assertThat(body.get("dependencies")).hasSize(4);
    }

    @Test
    void aFailingDependencyIsDownAndAHangingOneTimesOut() {
        HealthCheck broken = check("broken", () -> {
            throw new IllegalStateException("connection refused");
        });
        HealthCheck hanging = check("hanging", () -> {
            Thread.sleep(60_000);
            return "never";
        });
        HealthCheck fine = check("fine", () -> "ok");

        HealthReport report = new HealthService(List.of(broken, hanging, fine), repository).check();

        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(report.dependencies()).extracting(d -> d.name() + "=" + d.status())
                .containsExactly("broken=DOWN", "hanging=DOWN", "fine=UP");
        assertThat(report.dependencies().get(0).detail()).isEqualTo("connection refused");
        assertThat(report.dependencies().get(1).detail()).contains("no answer");
    }

    @Test
    void anUnknownRouteIsA404InJson() {
        APIGatewayV2HTTPResponse response = healthApi.apply(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /nope").build());

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(json.readTree(response.getBody()).get("error").asString()).isEqualTo("not_found");
    }

    private static HealthCheck check(String name, java.util.concurrent.Callable<String> probe) {
        return new HealthCheck() {
            public String name() {
                return name;
            }

            public String check() throws Exception {
                return probe.call();
            }
        };
    }
}
