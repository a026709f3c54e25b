package io.rollcall.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.domain.DomainException;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import io.rollcall.logs.SystemLogAppender;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class HttpApiTest {

    static final JsonMapper json = JsonMapper.builder().build();
    static final AccessTokens tokens = new AccessTokens("", 60);
    static final Caller admin = new Caller(UUID.randomUUID(), UUID.randomUUID(), Role.ADMIN);
    static final Caller user = new Caller(UUID.randomUUID(), UUID.randomUUID(), Role.USER);

    record Greeting(String name) {
    }

    final HttpApi api = HttpApi.builder(json, tokens)
            .route("GET /open", request -> ApiResponse.ok(Map.of("hello", "world")))
            .route("POST /admin", Set.of(Role.ADMIN), (request, caller) ->
                    ApiResponse.created(Map.of("by", caller.userId().toString(), "name", request.body(Greeting.class).name())))
            .route("GET /boom", request -> {
                throw new IllegalStateException("secret internals");
            })
            .route("GET /admin/boom", Set.of(Role.ADMIN), (request, caller) -> {
                throw new IllegalStateException("secret internals");
            })
            .route("GET /bug", request -> {
                throw new IllegalArgumentException("index 7 out of bounds in FooParser");
            })
            .route("GET /refused/{kind}", request -> {
                throw new DomainException(DomainException.Kind.valueOf(request.path("kind")), "specific_code", "refused", Map.of("f", "bad")) {
                };
            })
            .route("GET /items/{id}", request -> ApiResponse.ok(Map.of("id", request.pathId("id", "item"),
                    "limit", request.limit(), "on", request.queryDate("on").map(Object::toString).orElse("-"))))
            .build();

    @Test
    void aPublicRouteNeedsNoToken() {
        assertThat(call("GET /open", null, null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void aSecuredRouteNeedsAValidTokenOfAnAllowedRole() {
        assertThat(call("POST /admin", null, "{\"name\":\"x\"}").getStatusCode()).isEqualTo(401);
        assertThat(call("POST /admin", "not-a-jwt", "{\"name\":\"x\"}").getStatusCode()).isEqualTo(401);
        assertThat(call("POST /admin", new AccessTokens("", 60).issue(admin), "{\"name\":\"x\"}").getStatusCode())
                .as("signed by another key").isEqualTo(401);
        assertThat(call("POST /admin", tokens.issue(user), "{\"name\":\"x\"}").getStatusCode()).isEqualTo(403);

        APIGatewayV2HTTPResponse ok = call("POST /admin", tokens.issue(admin), "{\"name\":\"x\"}");
        assertThat(ok.getStatusCode()).isEqualTo(201);
        assertThat(ok.getBody()).contains(admin.userId().toString(), "\"name\":\"x\"");
    }

    @Test
    void badBodiesAreClientErrorsInJson() {
        String token = tokens.issue(admin);
        assertThat(call("POST /admin", token, "{nope").getStatusCode()).isEqualTo(400);
        assertThat(call("POST /admin", token, "{nope").getBody()).contains("\"error\":\"malformed_json\"");
        assertThat(call("POST /admin", token, null).getStatusCode()).isEqualTo(400);
        assertThat(call("POST /admin", token, "x".repeat(HttpApi.MAX_BODY_BYTES + 1)).getStatusCode()).isEqualTo(413);
    }

    @Test
    void anUnexpectedFailureIsA500WithoutInternals() {
        APIGatewayV2HTTPResponse response = call("GET /boom", null, null);
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).contains("internal_error").doesNotContain("secret internals", "Exception");
    }

    @Test
    void aBugDeepInTheCodeIsALogged500WithARequestIdNotTheClientsFault() {
        var logged = capture(() -> {
            APIGatewayV2HTTPResponse response = api.apply(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /bug")
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-42").build()).build());
            assertThat(response.getStatusCode()).isEqualTo(500);
            assertThat(response.getBody()).contains("\"error\":\"internal_error\"", "\"requestId\":\"req-42\"")
                    .doesNotContain("FooParser", "index 7");
            assertThat(response.getHeaders()).containsEntry(HttpApi.REQUEST_ID_HEADER, "req-42");
        });
        assertThat(logged).singleElement().satisfies(e -> {
            assertThat(e.getLevel().toString()).isEqualTo("ERROR");
            assertThat(e.getFormattedMessage()).contains("GET /bug", "req-42");
            assertThat(e.getThrowableProxy().getMessage()).contains("FooParser");
        });
    }

    @Test
    void aDomainRefusalIsTheCallersErrorWithItsKindsStatusCodeAndFields() {
        Map<DomainException.Kind, Integer> statuses = Map.of(DomainException.Kind.INVALID, 400,
                DomainException.Kind.UNAUTHENTICATED, 401, DomainException.Kind.NOT_FOUND, 404,
                DomainException.Kind.CONFLICT, 409, DomainException.Kind.TOO_LARGE, 413,
                DomainException.Kind.UNSUPPORTED, 415, DomainException.Kind.UNPROCESSABLE, 422,
                DomainException.Kind.LOCKED, 429);
        assertThat(statuses).hasSize(DomainException.Kind.values().length);
        statuses.forEach((kind, status) -> {
            APIGatewayV2HTTPResponse response = api.apply(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /refused/{kind}")
                    .withPathParameters(Map.of("kind", kind.name())).build());
            assertThat(response.getStatusCode()).as(kind.name()).isEqualTo(status);
            assertThat(response.getBody()).contains("\"error\":\"specific_code\"", "\"fields\":{\"f\":\"bad\"}");
            assertThat(response.getHeaders()).containsKey(HttpApi.REQUEST_ID_HEADER);
        });
    }

    @Test
    void aMalformedPathIdIsNotFoundAndAMalformedQueryParameterIsA400NamingIt() {
        assertThat(item(Map.of("id", "not-a-uuid"), Map.of()).getStatusCode()).isEqualTo(404);
        APIGatewayV2HTTPResponse ok = item(Map.of("id", UUID.randomUUID().toString()), Map.of("limit", "7", "on", "2026-02-28"));
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(ok.getBody()).contains("\"limit\":7", "\"on\":\"2026-02-28\"");
        assertThat(item(Map.of("id", UUID.randomUUID().toString()), Map.of("limit", "0")).getBody())
                .contains("validation_failed", "\"limit\":\"must be from 1 to 500\"");
        assertThat(item(Map.of("id", UUID.randomUUID().toString()), Map.of("on", "2026-02-30")).getBody())
                .contains("validation_failed", "\"on\":\"is not a date (YYYY-MM-DD)\"");
        assertThat(item(Map.of("id", UUID.randomUUID().toString()), Map.of("limit", "ten")).getBody())
                .contains("\"limit\":\"must be a whole number\"");
    }

    private APIGatewayV2HTTPResponse item(Map<String, String> path, Map<String, String> query) {
        return api.apply(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /items/{id}").withPathParameters(path)
                .withQueryStringParameters(query).build());
    }

    private static java.util.List<ch.qos.logback.classic.spi.ILoggingEvent> capture(Runnable call) {
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(HttpApi.class);
        var logged = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        logged.start();
        logger.addAppender(logged);
        try {
            call.run();
        } finally {
            logger.detachAppender(logged);
        }
        return logged.list;
    }

    @Test
    void aSecuredRoutesFailureIsLoggedWithTheCallersOrganizationAndTheTagDoesNotOutliveTheRequest() {
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(HttpApi.class);
        var logged = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        logged.start();
        logger.addAppender(logged);
        try {
            assertThat(call("GET /admin/boom", tokens.issue(admin), null).getStatusCode()).isEqualTo(500);
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(logged.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel().toString()).isEqualTo("ERROR");
            assertThat(e.getMDCPropertyMap()).containsEntry(SystemLogAppender.ORGANIZATION_KEY, admin.organizationId().toString());
        });
        assertThat(org.slf4j.MDC.get(SystemLogAppender.ORGANIZATION_KEY)).as("the next request on this thread").isNull();
    }

    @Test
    void rolesArePublishedPerRoute() {
        assertThat(api.rolesFor("GET /open")).isEmpty();
        assertThat(api.rolesFor("POST /admin")).contains(Set.of(Role.ADMIN));
    }

    private APIGatewayV2HTTPResponse call(String routeKey, String token, String body) {
        var builder = APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withBody(body)
                .withHeaders(token == null ? Map.of() : Map.of("authorization", "Bearer " + token));
        return api.apply(builder.build());
    }
}
