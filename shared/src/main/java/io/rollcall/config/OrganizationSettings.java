package io.rollcall.config;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The typed per-organization configuration other features read (system_configs, with these defaults for any
 * key an organization has not set).
 *
 * @param matchThreshold     cosine similarity at or above which a face is taken as the person
 * @param lowThreshold       below this a face is unknown; between the two it is a low-confidence match
 * @param repeatWindow       a sighting of the same person within this window does not flip IN/OUT
 * @param timeZone           where the organization's day begins and ends
 * @param unknownFaceRetentionDays how long unknown face crops are kept
 */
public record OrganizationSettings(double matchThreshold, double lowThreshold, Duration repeatWindow, ZoneId timeZone,
                                   int unknownFaceRetentionDays) {

    public static final OrganizationSettings DEFAULTS = new OrganizationSettings(
            ConfigKeys.MATCH_THRESHOLD.defaultValue(), ConfigKeys.LOW_THRESHOLD.defaultValue(),
            Duration.ofMinutes(ConfigKeys.REPEAT_WINDOW_MINUTES.defaultValue()), ConfigKeys.TIME_ZONE.defaultValue(),
            ConfigKeys.UNKNOWN_FACE_RETENTION_DAYS.defaultValue());
}
