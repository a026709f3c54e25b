package io.rollcall.functions.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.health.HealthReport;
import io.rollcall.health.HealthService;
import io.rollcall.health.HealthStatus;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Role;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same checks reportHealth runs on its schedule, answered live and not recorded (a public route must not
 * let anyone fill system_health). GET /health is public and says only up or down (503 when a dependency is
 * DOWN, for load balancers and monitors), from a report at most {@link #PUBLIC_MAX_AGE} old; the details
 * (dependencies, versions, queue depths) are for an organization's ADMINs, with no other organization's ids.
 */
@Component("healthApi")
public class HealthApiFunction implements ApiFunction {

    /** How stale the public answer may be: a request loop from outside costs the dependencies nothing more. */
    static final Duration PUBLIC_MAX_AGE = Duration.ofSeconds(10);

    private final HttpApi api;

    public HealthApiFunction(HealthService health, JsonMapper json, AccessTokens tokens) {
        this.api = HttpApi.builder(json, tokens)
                .route("GET /health", request -> {
                    HealthReport report = health.recent(PUBLIC_MAX_AGE);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", report.status());
                    body.put("checkedAt", report.checkedAt());
                    return ApiResponse.of(status(report), body, Map.of("cache-control", "no-store"));
                })
                .route("GET /health/details", Role.ADMINS, (request, caller) -> {
                    HealthReport report = health.check().visibleTo(caller.organizationId());
                    return ApiResponse.of(status(report), report, Map.of("cache-control", "no-store"));
                })
                .build();
    }

    private static int status(HealthReport report) {
        return report.status() == HealthStatus.DOWN ? 503 : 200;
    }

    @Override
    public HttpApi api() {
        return api;
    }
}
