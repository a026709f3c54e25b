package io.rollcall.functions.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import tools.jackson.databind.json.JsonMapper;

/** What a route handler needs of an API Gateway HTTP (payload 2.0) event, with the body already decoded. */
public record ApiRequest(String routeKey, Map<String, String> pathParameters, Map<String, String> queryParameters,
                         Map<String, String> headers, byte[] body, String sourceIp, String userAgent, JsonMapper json) {

    static ApiRequest from(APIGatewayV2HTTPEvent event, JsonMapper json) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (event.getHeaders() != null) {
            headers.putAll(event.getHeaders());
        }
        if (event.getCookies() != null && !event.getCookies().isEmpty()) {
            headers.put("cookie", String.join("; ", event.getCookies()));   // payload 2.0 lifts cookies out of the headers
        }
        byte[] body = new byte[0];
        if (event.getBody() != null) {
            body = event.getIsBase64Encoded()
                    ? Base64.getDecoder().decode(event.getBody())
                    : event.getBody().getBytes(StandardCharsets.UTF_8);
        }
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        return new ApiRequest(event.getRouteKey(),
                event.getPathParameters() == null ? Map.of() : event.getPathParameters(),
                event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(),
                headers, body,
                http == null ? null : http.getSourceIp(),
                http == null ? headers.get("user-agent") : http.getUserAgent(), json);
    }

    /** The JSON body as {@code type}; a missing body is a 400, malformed JSON becomes a 400 in HttpApi. */
    public <T> T body(Class<T> type) {
        if (body.length == 0) {
            throw ApiException.badRequest("a JSON body is required");
        }
        T value = json.readValue(body, type);
        if (value == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        return value;
    }

    /** A path parameter the route declares; its absence is a wiring bug, not a client error. */
    public String path(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route " + routeKey + " has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters.get(name)).filter(v -> !v.isBlank());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A cookie's value from the Cookie header, if the request carries it. */
    public Optional<String> cookie(String name) {
        return header("cookie").stream().flatMap(h -> java.util.Arrays.stream(h.split(";")))
                .map(String::trim).filter(c -> c.startsWith(name + "=")).map(c -> c.substring(name.length() + 1)).findFirst();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
