package io.rollcall.functions.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP API Lambda function: a table of routes, keyed by API Gateway's route key ("GET /users/{id}").
 * API Gateway (or the local runtime) has already matched the route; this dispatches on it and turns every
 * failure into {"error": code, "message": text}, never a stack trace.
 */
public final class HttpApi implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

    /** Lambda's synchronous payload limit; API Gateway refuses larger bodies before they get here. */
    public static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

    /** Handles one route. */
    @FunctionalInterface
    public interface Route {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    private final Map<String, Route> routes;
    private final JsonMapper json;

    private HttpApi(Map<String, Route> routes, JsonMapper json) {
        this.routes = Map.copyOf(routes);
        this.json = json;
    }

    public static Builder builder(JsonMapper json) {
        return new Builder(json);
    }

    /** The route keys this function serves (the template test checks them against template.yaml). */
    public java.util.Set<String> routeKeys() {
        return routes.keySet();
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        Route route = routes.get(event.getRouteKey());
        if (route == null) {
            return error(404, "not_found", "no route " + event.getRouteKey(), Map.of());
        }
        try {
            return toResponse(route.handle(ApiRequest.from(event)));
        } catch (ApiException e) {
            return error(e.status(), e.code(), e.getMessage(), e.fieldErrors());
        } catch (JacksonException e) {
            return error(400, "malformed_json", "the request body is not valid JSON of the expected shape", Map.of());
        } catch (IllegalArgumentException e) {
            return error(400, "bad_request", e.getMessage(), Map.of());
        } catch (Exception e) {
            log.error("{} failed", event.getRouteKey(), e);
            return error(500, "internal_error", "the request could not be completed", Map.of());
        }
    }

    private APIGatewayV2HTTPResponse toResponse(ApiResponse response) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        var builder = APIGatewayV2HTTPResponse.builder().withStatusCode(response.status());
        Object body = response.body();
        if (body instanceof byte[] bytes) {
            headers.putIfAbsent("content-type", "application/octet-stream");
            builder.withBody(Base64.getEncoder().encodeToString(bytes)).withIsBase64Encoded(true);
        } else if (body instanceof String text) {
            headers.putIfAbsent("content-type", "text/plain; charset=utf-8");
            builder.withBody(text);
        } else if (body != null) {
            headers.putIfAbsent("content-type", "application/json");
            builder.withBody(json.writeValueAsString(body));
        }
        return builder.withHeaders(headers).build();
    }

    private APIGatewayV2HTTPResponse error(int status, String code, String message, Map<String, String> fieldErrors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (!fieldErrors.isEmpty()) {
            body.put("fields", fieldErrors);
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(new String(json.writeValueAsBytes(body), StandardCharsets.UTF_8))
                .build();
    }

    public static final class Builder {
        private final JsonMapper json;
        private final Map<String, Route> routes = new LinkedHashMap<>();

        private Builder(JsonMapper json) {
            this.json = json;
        }

        public Builder route(String routeKey, Route route) {
            if (routes.put(routeKey, route) != null) {
                throw new IllegalStateException("route " + routeKey + " declared twice");
            }
            return this;
        }

        public HttpApi build() {
            return new HttpApi(routes, json);
        }
    }
}
