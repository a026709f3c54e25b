package io.rollcall.functions.health;

import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.health.HealthReport;
import io.rollcall.health.HealthService;
import io.rollcall.health.HealthStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET /health: the same checks reportHealth runs on its schedule, answered live and not recorded (a public,
 * unauthenticated route must not let anyone fill system_health). 503 when a dependency is DOWN, so load
 * balancers and monitors can use it.
 */
@Component("healthApi")
public class HealthApiFunction implements ApiFunction {

    private final HttpApi api;

    public HealthApiFunction(HealthService health, JsonMapper json) {
        this.api = HttpApi.builder(json)
                .route("GET /health", request -> {
                    HealthReport report = health.check();
                    return ApiResponse.of(report.status() == HealthStatus.DOWN ? 503 : 200, report, java.util.Map.of());
                })
                .build();
    }

    @Override
    public HttpApi api() {
        return api;
    }
}
