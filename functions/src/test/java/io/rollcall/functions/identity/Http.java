package io.rollcall.functions.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.functions.http.ApiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds API Gateway payload 2.0 events the way API Gateway does for a concrete request ("GET /users/123?page=1"):
 * the route key with its template, the path parameters, the query string, the source IP and user agent.
 */
final class Http {

    static final String IP = "198.51.100.7";
    static final String AGENT = "identity-test/1.0";
    private static final JsonMapper json = JsonMapper.builder().build();

    record Response(int status, String body) {
        JsonNode json() {
            return Http.json.readTree(body);
        }

        String error() {
            return json().get("error").asString();
        }
    }

    private Http() {
    }

    /** {@code routeKey} is the template ("GET /users/{id}"); {@code path} fills it ("/users/…?search=x"). */
    static Response call(ApiFunction function, String routeKey, String path, String token, String body) {
        return call(function, routeKey, path, token == null ? Map.of() : Map.of("authorization", "Bearer " + token),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), false);
    }

    static Response call(ApiFunction function, String routeKey, String path, Map<String, String> headers, byte[] body,
                         boolean binary) {
        String rawPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        Map<String, String> query = new LinkedHashMap<>();
        if (path.contains("?")) {
            for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("user-agent", AGENT);
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        var http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setSourceIp(IP);
        http.setUserAgent(AGENT);
        http.setMethod(routeKey.substring(0, routeKey.indexOf(' ')));
        http.setPath(rawPath);
        context.setHttp(http);
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withRawPath(rawPath)
                .withPathParameters(pathParameters(routeKey.substring(routeKey.indexOf(' ') + 1), rawPath))
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withHeaders(all).withRequestContext(context)
                .withBody(body == null ? null : binary ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(binary)
                .build();
        APIGatewayV2HTTPResponse response = function.apply(event);
        return new Response(response.getStatusCode(), response.getBody());
    }

    private static Map<String, String> pathParameters(String template, String path) {
        Matcher names = Pattern.compile("\\{(\\w+)}").matcher(template);
        Matcher values = Pattern.compile(template.replaceAll("\\{\\w+}", "([^/]+)")).matcher(path);
        if (!values.matches()) {
            throw new IllegalArgumentException(path + " does not fit " + template);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; names.find(); i++) {
            parameters.put(names.group(1), values.group(i));
        }
        return parameters.isEmpty() ? null : parameters;
    }
}
