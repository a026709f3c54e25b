package io.rollcall.functions.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.functions.LambdaInvoker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** identityApi through the AWS adapter, with the API Gateway payload 2.0 JSON that Lambda receives. */
class IdentityLambdaTest {

    static LambdaInvoker identityApi;

    @BeforeAll
    static void start() {
        identityApi = new LambdaInvoker("identityApi");
    }

    @Test
    void aFailedLoginIsA401InJsonThroughTheAdapter() {
        String response = identityApi.invoke(event("POST /auth/login", "{\\\"username\\\":\\\"nobody\\\",\\\"password\\\":\\\"whatever1\\\"}"));

        assertThat(response).contains("\"statusCode\":401").contains("invalid username or password");
    }

    @Test
    void malformedJsonAndUnknownRoutesAreClientErrors() {
        assertThat(identityApi.invoke(event("POST /auth/login", "{nope"))).contains("\"statusCode\":400").contains("malformed_json");
        assertThat(identityApi.invoke(event("GET /nowhere", ""))).contains("\"statusCode\":404");
        assertThat(identityApi.invoke(event("GET /users", ""))).contains("\"statusCode\":401");
    }

    private static String event(String routeKey, String body) {
        String path = routeKey.substring(routeKey.indexOf(' ') + 1);
        return """
                {"version":"2.0","routeKey":"%s","rawPath":"%s","rawQueryString":"","headers":{"content-type":"application/json"},
                 "requestContext":{"http":{"method":"%s","path":"%s","sourceIp":"203.0.113.9","userAgent":"lambda-test"},
                 "routeKey":"%s","stage":"$default"},"body":"%s","isBase64Encoded":false}"""
                .formatted(routeKey, path, routeKey.substring(0, routeKey.indexOf(' ')), path, routeKey, body);
    }
}
