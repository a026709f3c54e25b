package io.rollcall.functions.http;

import java.util.Map;

/**
 * What a route handler answers. A body that is a String or byte[] is sent as is (with its content type);
 * anything else is written as JSON.
 */
public record ApiResponse(int status, Object body, Map<String, String> headers) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body, Map.of());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, Map.of());
    }

    public static ApiResponse of(int status, Object body, Map<String, String> headers) {
        return new ApiResponse(status, body, headers);
    }
}
