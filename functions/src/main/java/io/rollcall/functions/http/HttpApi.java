package io.rollcall.functions.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.domain.DomainException;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import io.rollcall.logs.SystemLogAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP API Lambda function: a table of routes, keyed by API Gateway's route key ("GET /users/{id}").
 * API Gateway (or the local runtime) has already matched the route; this dispatches on it, checks the bearer
 * token and the caller's role for secured routes, and turns every failure into {"error": code, "message": text}
 * in one place: an {@link ApiException} (the edge's own refusals) or a {@link DomainException} (the domain's,
 * by its kind) is the caller's 4xx; anything else is a bug, logged with the request id, and answered 500 with
 * that id so the caller can quote it. Every answer carries the id in {@value #REQUEST_ID_HEADER}.
 */
public final class HttpApi implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

    /** Lambda's synchronous payload limit; API Gateway refuses larger bodies before they get here. */
    public static final int MAX_BODY_BYTES = 6 * 1024 * 1024;
    public static final String REQUEST_ID_HEADER = "x-request-id";


    /** Handles one route. */
    @FunctionalInterface
    public interface Route {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    /** Handles one route for an authenticated caller whose role the route allows. */
    @FunctionalInterface
    public interface SecuredRoute {
        ApiResponse handle(ApiRequest request, Caller caller) throws Exception;
    }

    /** A route and who may call it: a public route has no roles, a secured one no public handler. */
    private record Entry(Route publicRoute, SecuredRoute securedRoute, Set<Role> roles) {
    }

    private final Map<String, Entry> routes;
    private final JsonMapper json;
    private final AccessTokens tokens;

    private HttpApi(Map<String, Entry> routes, JsonMapper json, AccessTokens tokens) {
        this.routes = Map.copyOf(routes);
        this.json = json;
        this.tokens = tokens;
    }

    /** For functions with public routes only. */
    public static Builder builder(JsonMapper json) {
        return new Builder(json, null);
    }

    /** For functions with secured routes: tokens verify the bearer token. */
    public static Builder builder(JsonMapper json, AccessTokens tokens) {
        return new Builder(json, tokens);
    }

    /** The route keys this function serves (the template test checks them against template.yaml). */
    public Set<String> routeKeys() {
        return routes.keySet();
    }

    /** The roles allowed on a route; empty for a public route (docs/security.md and its test walk these). */
    public Optional<Set<Role>> rolesFor(String routeKey) {
        Entry entry = routes.get(routeKey);
        if (entry == null) {
            throw new IllegalArgumentException("no route " + routeKey);
        }
        return Optional.ofNullable(entry.roles());
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        String requestId = requestId(event);
        Entry entry = routes.get(event.getRouteKey());
        if (entry == null) {
            return error(requestId, 404, "not_found", "no route " + event.getRouteKey(), Map.of());
        }
        try {
            ApiRequest request = ApiRequest.from(event, requestId, json);
            if (request.body().length > MAX_BODY_BYTES) {
                return error(requestId, 413, "payload_too_large", "the body is larger than " + MAX_BODY_BYTES + " bytes", Map.of());
            }
            if (entry.roles() == null) {
                return toResponse(requestId, entry.publicRoute().handle(request));
            }
            Caller caller = authenticate(request, entry.roles());
            // WARN/ERROR lines of this request, its failure included, reach system_logs tagged with the organization
            MDC.put(SystemLogAppender.ORGANIZATION_KEY, caller.organizationId().toString());
            return toResponse(requestId, entry.securedRoute().handle(request, caller));
        } catch (ApiException e) {
            return error(requestId, e.status(), e.code(), e.getMessage(), e.fieldErrors());
        } catch (DomainException e) {
            return error(requestId, status(e.kind()), e.code(), e.getMessage(), e.fields());
        } catch (Exception e) {
            log.error("{} failed (request {})", event.getRouteKey(), requestId, e);
            return error(requestId, 500, "internal_error",
                    "the request could not be completed; quote request " + requestId + " when reporting it", Map.of());
        } finally {
            MDC.remove(SystemLogAppender.ORGANIZATION_KEY);
        }
    }

    /** The one place a domain refusal's kind becomes an HTTP status. */
    static int status(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED -> 415;
            case UNPROCESSABLE -> 422;
            case LOCKED -> 429;
        };
    }

    /** API Gateway's id of the request (also in its access logs), or a new one when there is none. */
    private static String requestId(APIGatewayV2HTTPEvent event) {
        String id = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        return id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
    }

    private APIGatewayV2HTTPResponse toResponse(String requestId, ApiResponse response) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put(REQUEST_ID_HEADER, requestId);
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
        String cookie = headers.remove("set-cookie");
        if (cookie != null) {
            builder.withCookies(List.of(cookie));   // payload 2.0 sets cookies from this list, not from headers
        }
        return builder.withHeaders(headers).build();
    }

    private APIGatewayV2HTTPResponse error(String requestId, int status, String code, String message,
                                           Map<String, String> fieldErrors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (!fieldErrors.isEmpty()) {
            body.put("fields", fieldErrors);
        }
        if (status >= 500) {
            body.put("requestId", requestId);
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("content-type", "application/json", REQUEST_ID_HEADER, requestId))
                .withBody(new String(json.writeValueAsBytes(body), StandardCharsets.UTF_8))
                .build();
    }

    private Caller authenticate(ApiRequest request, Set<Role> roles) {
        Caller caller = request.header("authorization")
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .flatMap(h -> tokens.verify(h.substring(7).trim()))
                .orElseThrow(() -> new ApiException(401, "unauthorized", "a valid access token is required"));
        if (!roles.contains(caller.role())) {
            throw new ApiException(403, "forbidden", "the " + caller.role() + " role may not call " + request.routeKey());
        }
        return caller;
    }

    public static final class Builder {
        private final JsonMapper json;
        private final AccessTokens tokens;
        private final Map<String, Entry> routes = new LinkedHashMap<>();

        private Builder(JsonMapper json, AccessTokens tokens) {
            this.json = json;
            this.tokens = tokens;
        }

        /** A public route: no token needed. */
        public Builder route(String routeKey, Route route) {
            return add(routeKey, new Entry(route, null, null));
        }

        /** A route for authenticated callers with one of {@code roles}. */
        public Builder route(String routeKey, Set<Role> roles, SecuredRoute route) {
            if (tokens == null) {
                throw new IllegalStateException("secured route " + routeKey + " needs builder(json, tokens)");
            }
            return add(routeKey, new Entry(null, route, Set.copyOf(EnumSet.copyOf(roles))));
        }

        private Builder add(String routeKey, Entry entry) {
            if (routes.put(routeKey, entry) != null) {
                throw new IllegalStateException("route " + routeKey + " declared twice");
            }
            return this;
        }

        public HttpApi build() {
            return new HttpApi(routes, json, tokens);
        }
    }
}
