package io.rollcall.functions.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.rollcall.audit.Actor;
import io.rollcall.identity.Caller;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a route handler needs of an API Gateway HTTP (payload 2.0) event, with the body decoded, and the one
 * typed way to read its parameters. The rules every route follows (docs/development.md):
 * <ul>
 *   <li>a path id that is not a UUID names nothing: 404, like a missing row;</li>
 *   <li>any other malformed parameter is a 400 {@code validation_failed} naming it;</li>
 *   <li>lists with a total are paged with {@code ?page=&size=} ({@link #page}), newest-first streams with
 *       {@code ?limit=&before=} ({@link #limit}, then a typed {@code before}).</li>
 * </ul>
 */
public record ApiRequest(String routeKey, String requestId, Map<String, String> pathParameters,
                         Map<String, String> queryParameters, Map<String, String> headers, byte[] body,
                         String sourceIp, String userAgent, JsonMapper json) {

    /** The default and largest {@code limit} of a newest-first stream. */
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** A page of a list with a total: numbers start at 0. */
    public record PageRequest(int page, int size) {
    }

    static ApiRequest from(APIGatewayV2HTTPEvent event, String requestId, JsonMapper json) {
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
        return new ApiRequest(event.getRouteKey(), requestId,
                event.getPathParameters() == null ? Map.of() : event.getPathParameters(),
                event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(),
                headers, body,
                http == null ? null : http.getSourceIp(),
                http == null ? headers.get("user-agent") : http.getUserAgent(), json);
    }

    /** The JSON body as {@code type}; a missing body or malformed JSON is a 400. */
    public <T> T body(Class<T> type) {
        if (body.length == 0) {
            throw ApiException.badRequest("a JSON body is required");
        }
        T value;
        try {
            value = json.readValue(body, type);
        } catch (JacksonException e) {
            throw new ApiException(400, "malformed_json", "the request body is not valid JSON of the expected shape");
        }
        if (value == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        return value;
    }

    /** Who is acting, for the audit trail: the verified caller, from this request's address and user agent. */
    public Actor actor(Caller caller) {
        return new Actor(caller.organizationId(), caller.userId(), sourceIp, userAgent);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A cookie's value from the Cookie header, if the request carries it. */
    public Optional<String> cookie(String name) {
        return header("cookie").stream().flatMap(h -> Arrays.stream(h.split(";")))
                .map(String::trim).filter(c -> c.startsWith(name + "=")).map(c -> c.substring(name.length() + 1)).findFirst();
    }

    // ---- path

    /** A path parameter the route declares; its absence is a wiring bug, not a client error. */
    public String path(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route " + routeKey + " has no path parameter " + name);
        }
        return value;
    }

    /** A path id: one that is not a UUID cannot name anything, so it is a 404 like a missing row. */
    public UUID pathId(String name, String what) {
        try {
            return UUID.fromString(path(name));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(what);
        }
    }

    /** A date in the path (YYYY-MM-DD); malformed is a 400 naming it. */
    public LocalDate pathDate(String name) {
        return parse(name, path(name), LocalDate::parse, "is not a date (YYYY-MM-DD)");
    }

    // ---- query: empty when absent or blank, a 400 naming the parameter when malformed

    public Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters.get(name)).filter(v -> !v.isBlank());
    }

    public Optional<String> queryText(String name, int maxLength) {
        return query(name).map(v -> {
            if (v.length() > maxLength) {
                throw invalid(name, "is longer than " + maxLength + " characters");
            }
            return v;
        });
    }

    public Optional<UUID> queryUuid(String name) {
        return query(name).map(v -> parse(name, v, UUID::fromString, "must be a UUID"));
    }

    public Optional<Integer> queryInt(String name, int min, int max) {
        return query(name).map(v -> {
            int value = parse(name, v.trim(), Integer::parseInt, "must be a whole number");
            if (value < min || value > max) {
                throw invalid(name, "must be from " + min + " to " + max);
            }
            return value;
        });
    }

    public Optional<Long> queryLong(String name) {
        return query(name).map(v -> parse(name, v.trim(), Long::parseLong, "must be a whole number"));
    }

    public Optional<Boolean> queryBool(String name) {
        return query(name).map(v -> switch (v) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw invalid(name, "must be true or false");
        });
    }

    public <E extends Enum<E>> Optional<E> queryEnum(String name, Class<E> type) {
        return query(name).map(v -> {
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                throw invalid(name, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                        .sorted().collect(Collectors.joining(", ")));
            }
        });
    }

    public Optional<LocalDate> queryDate(String name) {
        return query(name).map(v -> parse(name, v, LocalDate::parse, "is not a date (YYYY-MM-DD)"));
    }

    /** A required date: absent is a 400 naming it, as malformed is. */
    public LocalDate requiredDate(String name) {
        return queryDate(name).orElseThrow(() -> invalid(name, "is required (YYYY-MM-DD)"));
    }

    public Optional<Instant> queryInstant(String name) {
        return query(name).map(v -> parse(name, v, Instant::parse, "must be an ISO-8601 instant such as 2026-02-10T09:00:00Z"));
    }

    // ---- paging

    /** {@code ?page=&size=} of a list with a total. */
    public PageRequest page(int defaultSize, int maxSize) {
        return new PageRequest(queryInt("page", 0, Integer.MAX_VALUE / maxSize).orElse(0),
                queryInt("size", 1, maxSize).orElse(defaultSize));
    }

    /** {@code ?limit=} of a newest-first stream; the route reads its own typed {@code ?before=} cursor. */
    public int limit() {
        return queryInt("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
    }

    private static <T> T parse(String name, String value, Function<String, T> parser, String problem) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid(name, problem);
        }
    }

    private static ApiException invalid(String name, String problem) {
        return ApiException.invalid(Map.of(name, problem));
    }
}
