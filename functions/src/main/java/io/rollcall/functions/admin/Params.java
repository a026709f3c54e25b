package io.rollcall.functions.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiRequest;

/** Query and path parameters with their checks: a bad one is a 400 naming it. */
final class Params {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private Params() {
    }

    static Instant instant(ApiRequest request, String name) {
        return request.query(name).map(v -> {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw invalid(name, "must be an ISO-8601 instant such as 2026-02-10T09:00:00Z");
            }
        }).orElse(null);
    }

    static UUID uuid(ApiRequest request, String name) {
        return request.query(name).map(v -> parseUuid(name, v)).orElse(null);
    }

    static UUID pathUuid(ApiRequest request, String name, String what) {
        try {
            return UUID.fromString(request.path(name));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(what); // not an id of ours, so not found
        }
    }

    static Long longValue(ApiRequest request, String name) {
        return request.query(name).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw invalid(name, "must be an integer");
            }
        }).orElse(null);
    }

    static int limit(ApiRequest request) {
        Long limit = longValue(request, "limit");
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid("limit", "must be from 1 to " + MAX_LIMIT);
        }
        return limit.intValue();
    }

    static Boolean bool(ApiRequest request, String name) {
        return request.query(name).map(v -> switch (v) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw invalid(name, "must be true or false");
        }).orElse(null);
    }

    static String oneOf(ApiRequest request, String name, Set<String> allowed) {
        return request.query(name).map(v -> {
            if (!allowed.contains(v)) {
                throw invalid(name, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
            return v;
        }).orElse(null);
    }

    static String text(ApiRequest request, String name, int maxLength) {
        return request.query(name).map(v -> {
            if (v.length() > maxLength) {
                throw invalid(name, "is longer than " + maxLength + " characters");
            }
            return v;
        }).orElse(null);
    }

    private static UUID parseUuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, "must be a UUID");
        }
    }

    static ApiException invalid(String name, String problem) {
        return ApiException.invalid(Map.of(name, problem));
    }
}
