package io.rollcall.functions.identity;

import java.time.Duration;
import java.util.Map;

import io.rollcall.functions.http.ApiRequest;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.LoginService;
import io.rollcall.identity.Role;
import io.rollcall.identity.sessions.RefreshSessions;

/**
 * Signing in and staying signed in: POST /auth/login answers an access token (for the page's memory) and sets the
 * refresh cookie; POST /auth/refresh rotates it; POST /auth/sign-out ends this browser's session and
 * POST /auth/sign-out-everywhere every session of the caller. The cookie is HttpOnly (no script reads it), Secure,
 * SameSite=Strict and sent only to /auth; the cookie routes also check the Origin (SameSiteRequests).
 */
final class SessionRoutes {

    static final String COOKIE = "rollcall_refresh";
    private static final String ATTRIBUTES = "; Path=/auth; HttpOnly; Secure; SameSite=Strict";

    record Login(String username, String password) {
    }

    record Token(String accessToken, long expiresIn) {
    }

    private SessionRoutes() {
    }

    static void register(HttpApi.Builder api, LoginService login, RefreshSessions sessions, AccessTokens tokens) {
        api.route("POST /auth/login", request -> {
            Login body = request.body(Login.class);
            LoginService.Token token = login.login(body.username(), body.password(), request.sourceIp(), request.userAgent());
            var caller = tokens.verify(token.accessToken()).orElseThrow();
            return withCookie(sessions.start(caller, token.accessToken(), request.userAgent()));
        });
        api.route("POST /auth/refresh", request -> {
            String refreshToken = cookie(request);
            try {
                return withCookie(sessions.rotate(refreshToken, request.sourceIp(), request.userAgent()));
            } catch (RefreshSessions.RefusedException e) {
                return ApiResponse.of(401, Map.of("error", "session_ended", "message", e.getMessage()),
                        Map.of("set-cookie", cleared()));
            }
        });
        api.route("POST /auth/sign-out", request -> {
            String refreshToken = cookie(request);
            if (refreshToken != null) {
                sessions.end(refreshToken);
            }
            return ApiResponse.of(204, null, Map.of("set-cookie", cleared()));
        });
        api.route("POST /auth/sign-out-everywhere", Role.EVERYONE, (request, caller) -> {
            sessions.endAllOf(request.actor(caller));
            return ApiResponse.of(204, null, Map.of("set-cookie", cleared()));
        });
    }

    /** The refresh cookie; a request that carries it must come from this origin (nothing to guard without it). */
    private static String cookie(ApiRequest request) {
        String value = request.cookie(COOKIE).orElse(null);
        if (value != null) {
            SameSiteRequests.require(request);
        }
        return value;
    }

    private static ApiResponse withCookie(RefreshSessions.Issued issued) {
        return ApiResponse.of(200, new Token(issued.accessToken(), issued.expiresIn()),
                Map.of("set-cookie", cookie(issued.refreshToken(), issued.refreshLifetime())));
    }

    static String cookie(String value, Duration lifetime) {
        return COOKIE + "=" + value + "; Max-Age=" + Math.max(0, lifetime.toSeconds()) + ATTRIBUTES;
    }

    private static String cleared() {
        return COOKIE + "=; Max-Age=0" + ATTRIBUTES;
    }
}
