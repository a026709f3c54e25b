package io.rollcall.config;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * An organization's typed settings, read through the configuration cache (Redis, else Postgres), with the
 * defaults for any key it has not set.
 */
@Service
public class OrganizationSettingsService {

    private static final Logger log = LoggerFactory.getLogger(OrganizationSettingsService.class);

    private final ConfigStore store;

    public OrganizationSettingsService(ConfigStore store) {
        this.store = store;
    }

    public OrganizationSettings forOrganization(UUID organizationId) {
        Map<String, JsonNode> values = store.organizationValues(organizationId);
        double match = read(values, ConfigKeys.MATCH_THRESHOLD);
        double low = read(values, ConfigKeys.LOW_THRESHOLD);
        if (low > match) {
            // writes refuse this, but a row edited by hand must not make every frame of the organization fail
            log.warn("organization {}: {} {} above {} {}; using {} for both", organizationId, ConfigKeys.LOW_THRESHOLD.name(),
                    low, ConfigKeys.MATCH_THRESHOLD.name(), match, match);
            low = match;
        }
        return new OrganizationSettings(match, low,
                Duration.ofMinutes(read(values, ConfigKeys.REPEAT_WINDOW_MINUTES)),
                read(values, ConfigKeys.TIME_ZONE),
                read(values, ConfigKeys.UNKNOWN_FACE_RETENTION_DAYS));
    }

    private static <T> T read(Map<String, JsonNode> values, ConfigKey<T> key) {
        return key.read(values.get(key.name()));
    }
}
