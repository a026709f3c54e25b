package io.rollcall.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.rollcall.config.ConfigCache;
import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.config.InvalidConfigException;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.identity.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConfigApiTest extends OrganizationTest {

    @Autowired AdminApiFunction adminApi;
    @Autowired ApplicationSettingsFunction applicationSettings;
    @Autowired OrganizationSettingsService settings;
    @Autowired ConfigStore config;
    @Autowired JdbcClient jdbcClient;
    @Autowired TransactionTemplate tx;
    @Autowired JsonMapper json;
    @Autowired StatefulRedisConnection<String, String> redis;

    @Test
    void anAdminSetsKeysAndEveryReaderSeesThemAtOnceThroughTheCache() {
        assertThat(settings.forOrganization(org).matchThreshold()).isEqualTo(0.50); // now cached in Redis
        assertThat(redis.sync().get(ConfigCache.organizationKey(org))).isNotNull();
        assertThat(redis.sync().ttl(ConfigCache.organizationKey(org))).isPositive();

        APIGatewayV2HTTPResponse response = patch(admin, """
                {"recognition.match_threshold": 0.62, "organization.time_zone": "Europe/Paris",
                 "notifications.routes": {"UNKNOWN_FACE": {"channels": ["EMAIL", "SMS"], "emails": ["guard@example.com"], "phones": ["+14155550100"]}}}""");

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(settings.forOrganization(org).matchThreshold()).isEqualTo(0.62);
        assertThat(settings.forOrganization(org).timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        JsonNode keys = json.readTree(adminApi.apply(fixtures.request("GET /config", admin)).getBody()).get("keys");
        JsonNode threshold = find(keys, ConfigKeys.MATCH_THRESHOLD.name());
        assertThat(threshold.get("value").asDouble()).isEqualTo(0.62);
        assertThat(threshold.get("default").asDouble()).isEqualTo(0.50);
        assertThat(threshold.get("set").asBoolean()).isTrue();
        assertThat(find(keys, ConfigKeys.REPEAT_WINDOW_MINUTES.name()).get("set").asBoolean()).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM system_configs WHERE organization_id = ?", Integer.class, org)).isEqualTo(3);

        patch(admin, "{\"recognition.match_threshold\": null}");
        assertThat(settings.forOrganization(org).matchThreshold()).isEqualTo(0.50);
    }

    @Test
    void unknownKeysWrongTypesAndBadRecipientsAre400sNamingTheKey() {
        assertRejected(patch(admin, "{\"recognition.nope\": 1}"), "recognition.nope", "unknown");
        assertRejected(patch(admin, "{\"attendance.repeat_window_minutes\": \"five\"}"), "attendance.repeat_window_minutes", "integer");
        assertRejected(patch(admin, "{\"organization.time_zone\": \"Mars/Olympus\"}"), "organization.time_zone", "unknown time zone");
        assertRejected(patch(admin, "{\"notifications.routes\": {\"UNKNOWN_FACE\": {\"channels\": [\"EMAIL\"], \"emails\": [\"not-an-email\"]}}}"),
                "notifications.routes", "invalid email address not-an-email");
        assertRejected(patch(admin, "{\"notifications.routes\": {\"*\": {\"channels\": [\"SMS\"], \"phones\": [\"0612\"]}}}"),
                "notifications.routes", "invalid phone number 0612");
        assertRejected(patch(admin, "{\"config.cache_ttl_seconds\": 5}"), "config.cache_ttl_seconds", "unknown"); // a global key
        assertRejected(patch(admin, "{\"recognition.low_threshold\": 0.9}"), "recognition.low_threshold", "must not exceed");
        // nothing of a refused change is kept, even its valid keys
        patch(admin, "{\"recognition.match_threshold\": 0.7, \"recognition.nope\": 1}");
        assertThat(settings.forOrganization(org).matchThreshold()).isEqualTo(0.50);
    }

    @Test
    void onlyAnAdminMayReadOrChangeConfiguration() {
        assertThat(adminApi.apply(fixtures.request("GET /config", operator)).getStatusCode()).isEqualTo(403);
        assertThat(adminApi.apply(fixtures.request("GET /config", null)).getStatusCode()).isEqualTo(401);
    }

    @Test
    void readsFallBackToPostgresWhenRedisIsDown() {
        patch(admin, "{\"attendance.repeat_window_minutes\": 12}");
        RedisClient closed = RedisClient.create("redis://127.0.0.1:" + closedPort());
        try {
            ConfigCache deadCache = new ConfigCache(() -> closed.connect().sync());
            ConfigStore withoutRedis = new ConfigStore(jdbcClient, tx, deadCache, json);

            assertThat(new OrganizationSettingsService(withoutRedis).forOrganization(org).repeatWindow().toMinutes()).isEqualTo(12);
            withoutRedis.updateOrganization(org, Map.of(ConfigKeys.REPEAT_WINDOW_MINUTES.name(), json.valueToTree(20)));
            assertThat(new OrganizationSettingsService(withoutRedis).forOrganization(org).repeatWindow().toMinutes()).isEqualTo(20);
        } finally {
            closed.shutdown();
        }
    }

    @Test
    void globalSettingsAreAPlatformOperationWithTheirOwnValidation() {
        Map<String, JsonNode> after = applicationSettings.apply(Map.of(ConfigKeys.CACHE_TTL_SECONDS.name(), json.valueToTree(120)));
        assertThat(after.get(ConfigKeys.CACHE_TTL_SECONDS.name()).asInt()).isEqualTo(120);
        // the write evicted the old copy; the read that answered cached the new one
        assertThat(redis.sync().get(ConfigCache.APPLICATION_KEY)).contains("\"" + ConfigKeys.CACHE_TTL_SECONDS.name() + "\":120");

        settings.forOrganization(org);
        assertThat(redis.sync().ttl(ConfigCache.organizationKey(org))).isBetween(1L, 120L);

        assertThatThrownBy(() -> applicationSettings.apply(Map.of(ConfigKeys.CACHE_TTL_SECONDS.name(), json.valueToTree(-1))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining(ConfigKeys.CACHE_TTL_SECONDS.name());
        assertThatThrownBy(() -> applicationSettings.apply(Map.of(ConfigKeys.MATCH_THRESHOLD.name(), json.valueToTree(0.5))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining(ConfigKeys.MATCH_THRESHOLD.name());
        applicationSettings.apply(java.util.Collections.singletonMap(ConfigKeys.CACHE_TTL_SECONDS.name(), null));
    }

    @Test
    void twoChangesThatAreEachValidButCrossTheThresholdsTogetherNeverBothLand() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 15; round++) {
                assertThat(patch(admin, "{\"recognition.low_threshold\": 0.30, \"recognition.match_threshold\": 0.50}").getStatusCode())
                        .isEqualTo(200);
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                var raiseLow = pool.submit(() -> {
                    start.await();
                    return patch(admin, "{\"recognition.low_threshold\": 0.45}").getStatusCode();
                });
                var lowerMatch = pool.submit(() -> {
                    start.await();
                    return patch(admin, "{\"recognition.match_threshold\": 0.40}").getStatusCode();
                });
                assertThat(java.util.List.of(raiseLow.get(), lowerMatch.get())).as("round " + round).containsExactlyInAnyOrder(200, 400);
                var stored = settings.forOrganization(org);
                assertThat(stored.lowThreshold()).as("round " + round).isLessThanOrEqualTo(stored.matchThreshold());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void crossedThresholdsWrittenByHandDoNotBreakTheOrganizationsRecognition() {
        jdbc.update("INSERT INTO system_configs (organization_id, config_key, config_value) VALUES (?, ?, '0.9'::jsonb), (?, ?, '0.6'::jsonb)",
                org, ConfigKeys.LOW_THRESHOLD.name(), org, ConfigKeys.MATCH_THRESHOLD.name());
        var read = settings.forOrganization(org);
        assertThat(read.matchThreshold()).isEqualTo(0.6);
        assertThat(read.lowThreshold()).as("clamped to the match threshold").isEqualTo(0.6);
        assertThat(io.rollcall.faces.recognition.Decision.of(0.61, read)).isEqualTo(io.rollcall.faces.recognition.Decision.MATCH);
        assertThat(io.rollcall.faces.recognition.Decision.of(0.59, read)).isEqualTo(io.rollcall.faces.recognition.Decision.UNKNOWN);
    }

    private APIGatewayV2HTTPResponse patch(Caller caller, String body) {
        return adminApi.apply(fixtures.request("PATCH /config", caller, Map.of(), Map.of(), body));
    }

    private void assertRejected(APIGatewayV2HTTPResponse response, String key, String problem) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("message").asString()).contains(key);
        assertThat(body.get("fields").get(key).asString()).contains(problem);
    }

    private static JsonNode find(JsonNode keys, String name) {
        for (JsonNode key : keys.values()) {
            if (key.get("key").asString().equals(name)) {
                return key;
            }
        }
        throw new AssertionError("no key " + name);
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort(); // closed again when this returns: nothing listens there
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
