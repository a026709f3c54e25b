package io.rollcall.faces.recognition;

import io.rollcall.config.OrganizationSettings;
import io.rollcall.faces.pipeline.MatchThresholds;

/** What a face in a frame leads to, by its best similarity and the organization's two thresholds. */
public enum Decision {
    /** At or above the match threshold: a sighting on the attendance queue. */
    MATCH,
    /** Between the low and the match threshold: a LOW_CONFIDENCE event. */
    LOW_CONFIDENCE,
    /** Below the low threshold, or nobody enrolled: an UNKNOWN_FACE event with the crop kept for review. */
    UNKNOWN,
    /** Too small or blurred to recognise: nothing is sent, so a far-away face raises no alarms. */
    UNUSABLE,
    /**
     * The person was matched, but the organization enforces liveness and the face failed it (a suspected spoof,
     * or a face whose liveness could not be read): no attendance, a SPOOF_SUSPECTED event.
     */
    LIVENESS_REFUSED;

    /** The pipeline's reading of a similarity, with the organization's own thresholds. */
    public static Decision of(double similarity, OrganizationSettings settings) {
        return switch (new MatchThresholds(settings.matchThreshold(), settings.lowThreshold()).classify(similarity)) {
            case MATCH -> MATCH;
            case LOW_CONFIDENCE -> LOW_CONFIDENCE;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
