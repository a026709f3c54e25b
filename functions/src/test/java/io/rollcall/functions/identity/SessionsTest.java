package io.rollcall.functions.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.functions.FunctionTest;
import io.rollcall.identity.IdentityBootstrap;
import io.rollcall.identity.sessions.AccessCutoffs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The console's sessions: the refresh cookie, its rotation, reuse, sign-out, and what ends a user's sessions. */
class SessionsTest extends FunctionTest {

    static final String SITE = "console.example";
    static final JsonMapper json = JsonMapper.builder().build();

    @Autowired IdentityApiFunction api;
    @Autowired IdentityBootstrap platform;
    @Autowired JdbcTemplate jdbc;
    @Autowired JdbcClient jdbcClient;

    Tenant tenant;

    record Answer(int status, JsonNode body, String setCookie) {
        String refreshToken() {
            assertThat(setCookie).as("Set-Cookie").startsWith(SessionRoutes.COOKIE + "=");
            return setCookie.substring(SessionRoutes.COOKIE.length() + 1, setCookie.indexOf(';'));
        }

        String accessToken() {
            return body.get("accessToken").asString();
        }
    }

    @BeforeEach
    void organization() {
        tenant = Tenant.create(platform, api);
    }

    @Test
    void signingInSetsAnHttpOnlySecureStrictCookieForAuthOnlyAndStoresOnlyItsHash() throws Exception {
        Answer login = login(tenant.adminUsername());

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.setCookie()).contains("HttpOnly", "Secure", "SameSite=Strict", "Path=/auth", "Max-Age=43200");
        String token = login.refreshToken();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM refresh_tokens WHERE token_hash = ?", Long.class, sha256(token))).isOne();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM refresh_tokens WHERE encode(token_hash, 'escape') LIKE ?", Long.class,
                "%" + token + "%")).isZero();
    }

    @Test
    void aRefreshRotatesTheCookieAndAnswersAWorkingAccessToken() {
        Answer first = login(tenant.adminUsername());

        Answer refreshed = refresh(first.refreshToken());

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(me(refreshed.accessToken()).status()).isEqualTo(200);
        assertThat(refresh(refreshed.refreshToken()).status()).as("the new token works once too").isEqualTo(200);
    }

    @Test
    void aReplayedRefreshTokenIsRefusedAndEndsTheWholeFamily() {
        Answer login = login(tenant.adminUsername());
        Answer second = refresh(login.refreshToken());

        Answer replay = refresh(login.refreshToken());

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.body().get("error").asString()).isEqualTo("session_ended");
        assertThat(replay.setCookie()).contains("Max-Age=0");
        assertThat(refresh(second.refreshToken()).status()).as("the thief's or the victim's newer token").isEqualTo(401);
        assertThat(AuditQueue.find("SESSION_REFRESH_REUSED", userId(tenant.adminUsername()).toString())).isNotNull();
        assertThat(refresh(login(tenant.adminUsername()).refreshToken()).status()).as("a new sign-in is a new family").isEqualTo(200);
    }

    @Test
    void cookieRoutesRefuseOtherOrigins() {
        String token = login(tenant.adminUsername()).refreshToken();

        assertThat(post("POST /auth/refresh", token, Map.of("origin", "https://evil.example", "host", SITE)).status()).isEqualTo(403);
        assertThat(post("POST /auth/refresh", token, Map.of("host", SITE)).status()).as("no Origin").isEqualTo(403);
        assertThat(post("POST /auth/refresh", token, Map.of("origin", "https://" + SITE, "host", SITE,
                "sec-fetch-site", "cross-site")).status()).isEqualTo(403);
        assertThat(post("POST /auth/sign-out", token, Map.of("origin", "https://evil.example", "host", SITE)).status()).isEqualTo(403);
        assertThat(refresh(token).status()).as("refused requests did not use the token").isEqualTo(200);
    }

    @Test
    void behindCloudFrontTheViewerHostIsTheOriginToMatch() {
        String token = login(tenant.adminUsername()).refreshToken();

        Answer answer = post("POST /auth/refresh", token, Map.of("origin", "https://d111.cloudfront.net",
                "host", "abc.execute-api.us-east-1.amazonaws.com", SameSiteRequests.VIEWER_HOST, "d111.cloudfront.net"));

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void signingOutEndsThisBrowsersSessionOnly() {
        Answer here = login(tenant.adminUsername());
        Answer elsewhere = login(tenant.adminUsername());

        Answer out = post("POST /auth/sign-out", here.refreshToken(), sameOrigin());

        assertThat(out.status()).isEqualTo(204);
        assertThat(out.setCookie()).contains("Max-Age=0");
        assertThat(refresh(here.refreshToken()).status()).isEqualTo(401);
        assertThat(refresh(elsewhere.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void signingOutEverywhereEndsEveryRefreshTokenAndEveryAccessToken() {
        Answer one = login(tenant.adminUsername());
        Answer two = login(tenant.adminUsername());

        Answer out = call("POST /auth/sign-out-everywhere", "/auth/sign-out-everywhere", Map.of("authorization", "Bearer " + one.accessToken()), null);

        assertThat(out.status()).isEqualTo(204);
        assertThat(refresh(one.refreshToken()).status()).isEqualTo(401);
        assertThat(refresh(two.refreshToken()).status()).isEqualTo(401);
        assertThat(me(two.accessToken()).status()).isEqualTo(401);
        assertThat(me(login(tenant.adminUsername()).accessToken()).status()).as("signing in again works").isEqualTo(200);
    }

    @Test
    void deactivatingDeletingDemotingOrANewPasswordEndsAUsersSessions() {
        String suffix = tenant.id().toString().substring(0, 8);
        Map<String, String> change = new LinkedHashMap<>();
        change.put("deactivated-" + suffix, "POST /users/{id}/deactivate");
        change.put("deleted-" + suffix, "DELETE /users/{id}");
        change.put("demoted-" + suffix, "PATCH /users/{id}");
        change.put("reset-" + suffix, "POST /users/{id}/password");
        change.forEach((username, route) -> {
            UUID id = tenant.createUser(api, username, "ADMIN");
            Answer session = login(username);
            assertThat(me(session.accessToken()).status()).isEqualTo(200);

            String body = route.startsWith("PATCH") ? "{\"role\":\"USER\"}" : route.endsWith("password") ? "{\"password\":\"another good password\"}" : null;
            Answer done = call(route, route.substring(route.indexOf(' ') + 1).replace("{id}", id.toString()),
                    Map.of("authorization", "Bearer " + tenant.adminToken()), body);
            assertThat(done.status()).as(route).isBetween(200, 204);

            assertThat(refresh(session.refreshToken()).status()).as(username + " refresh").isEqualTo(401);
            assertThat(me(session.accessToken()).status()).as(username + " access token").isEqualTo(401);
        });
    }

    @Test
    void changingOnesOwnPasswordEndsOnesOtherSessions() {
        Answer session = login(tenant.adminUsername());

        Answer changed = call("POST /me/password", "/me/password", Map.of("authorization", "Bearer " + session.accessToken()),
                "{\"currentPassword\":\"%s\",\"newPassword\":\"a brand new password\"}".formatted(Tenant.PASSWORD));

        assertThat(changed.status()).isEqualTo(204);
        assertThat(refresh(session.refreshToken()).status()).isEqualTo(401);
    }

    @Test
    void anotherInstancesCutoffReachesThisOneWithinTheCacheTime() {
        UUID user = userId(tenant.adminUsername());
        MutableClock clock = new MutableClock(Instant.now());
        AccessCutoffs instance = new AccessCutoffs(jdbcClient, clock);
        Instant issued = Instant.now().minusSeconds(5);
        assertThat(instance.accepts(user, issued)).isTrue();

        new AccessCutoffs(jdbcClient).cutOff(tenant.id(), user);   // e.g. the function instance that deactivated them

        assertThat(instance.accepts(user, issued)).as("still cached").isTrue();
        clock.now = clock.now.plus(AccessCutoffs.CACHE_FOR).plusSeconds(1);
        assertThat(instance.accepts(user, issued)).isFalse();
        assertThat(instance.accepts(user, Instant.now().plusMillis(5))).as("a token issued after the cutoff").isTrue();
        assertThat(AccessCutoffs.CACHE_FOR).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void aRefreshWithoutACookieIsA401AndSignOutWithoutOneIsHarmless() {
        assertThat(call("POST /auth/refresh", "/auth/refresh", Map.of(), null).status()).isEqualTo(401);
        assertThat(call("POST /auth/sign-out", "/auth/sign-out", Map.of(), null).status()).isEqualTo(204);
        assertThat(refresh("not-a-token-we-issued").status()).isEqualTo(401);
    }

    // ---- helpers

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private UUID userId(String username) {
        return jdbc.queryForObject("SELECT id FROM users WHERE username = ?", UUID.class, username);
    }

    private Answer login(String username) {
        return call("POST /auth/login", "/auth/login", Map.of(),
                "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, Tenant.PASSWORD));
    }

    private Answer refresh(String token) {
        return post("POST /auth/refresh", token, sameOrigin());
    }

    private Answer me(String accessToken) {
        return call("GET /me", "/me", Map.of("authorization", "Bearer " + accessToken), null);
    }

    private static Map<String, String> sameOrigin() {
        return Map.of("origin", "https://" + SITE, "host", SITE, "sec-fetch-site", "same-origin");
    }

    private Answer post(String route, String refreshToken, Map<String, String> headers) {
        return call(route, route.substring(5), headers, null, List.of(SessionRoutes.COOKIE + "=" + refreshToken, "other=1"));
    }

    private Answer call(String route, String path, Map<String, String> headers, String body) {
        return call(route, path, headers, body, null);
    }

    private Answer call(String route, String path, Map<String, String> headers, String body, List<String> cookies) {
        String rawPath = path;
        String template = route.substring(route.indexOf(' ') + 1);
        Map<String, String> parameters = null;
        if (template.contains("{id}")) {
            String prefix = template.substring(0, template.indexOf("{id}"));
            String rest = path.substring(prefix.length());
            parameters = Map.of("id", rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
        }
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        var http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setSourceIp(Http.IP);
        http.setUserAgent(Http.AGENT);
        context.setHttp(http);
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (body != null) {
            all.put("content-type", "application/json");
        }
        APIGatewayV2HTTPResponse response = api.apply(APIGatewayV2HTTPEvent.builder().withRouteKey(route).withRawPath(rawPath)
                .withPathParameters(parameters).withHeaders(all).withCookies(cookies).withRequestContext(context)
                .withBody(body).withIsBase64Encoded(false).build());
        List<String> set = response.getCookies();
        return new Answer(response.getStatusCode(), response.getBody() == null ? null : json.readTree(response.getBody()),
                set == null || set.isEmpty() ? null : set.get(0));
    }

    private static byte[] sha256(String token) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    }
}
