package io.rollcall.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * An organization's typed settings, read through the configuration cache (Redis, else Postgres), with the
 * defaults for any key it has not set.
 */
@Service
public class OrganizationSettingsService {

    public static final String MATCH_THRESHOLD = ConfigKeys.MATCH_THRESHOLD;
    public static final String LOW_THRESHOLD = ConfigKeys.LOW_THRESHOLD;
    public static final String REPEAT_WINDOW_MINUTES = ConfigKeys.REPEAT_WINDOW_MINUTES;
    public static final String TIME_ZONE = ConfigKeys.TIME_ZONE;
    public static final String UNKNOWN_FACE_RETENTION_DAYS = ConfigKeys.UNKNOWN_FACE_RETENTION_DAYS;

    private final ConfigStore store;

    public OrganizationSettingsService(ConfigStore store) {
        this.store = store;
    }

    public OrganizationSettings forOrganization(UUID organizationId) {
        Map<String, JsonNode> values = store.organizationValues(organizationId);
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
