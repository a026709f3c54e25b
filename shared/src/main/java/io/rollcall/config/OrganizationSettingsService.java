package io.rollcall.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads an organization's settings from system_configs, falling back to the defaults key by key. */
@Service
public class OrganizationSettingsService {

    public static final String MATCH_THRESHOLD = "recognition.match_threshold";
    public static final String LOW_THRESHOLD = "recognition.low_threshold";
    public static final String REPEAT_WINDOW_MINUTES = "attendance.repeat_window_minutes";
    public static final String TIME_ZONE = "organization.time_zone";
    public static final String UNKNOWN_FACE_RETENTION_DAYS = "retention.unknown_faces_days";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public OrganizationSettingsService(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public OrganizationSettings forOrganization(UUID organizationId) {
        Map<String, JsonNode> values = new HashMap<>();
        jdbc.sql("SELECT config_key, config_value::text FROM system_configs WHERE organization_id = ?")
                .param(organizationId)
                .query((rs, i) -> values.put(rs.getString(1), json.readTree(rs.getString(2))))
                .list();
        OrganizationSettings d = OrganizationSettings.DEFAULTS;
        return new OrganizationSettings(
                number(values, MATCH_THRESHOLD, d.matchThreshold()),
                number(values, LOW_THRESHOLD, d.lowThreshold()),
                Duration.ofMinutes((long) number(values, REPEAT_WINDOW_MINUTES, d.repeatWindow().toMinutes())),
                values.containsKey(TIME_ZONE) ? ZoneId.of(values.get(TIME_ZONE).asString()) : d.timeZone(),
                (int) number(values, UNKNOWN_FACE_RETENTION_DAYS, d.unknownFaceRetentionDays()));
    }

    private static double number(Map<String, JsonNode> values, String key, double fallback) {
        JsonNode node = values.get(key);
        return node != null && node.isNumber() ? node.asDouble() : fallback;
    }
}
