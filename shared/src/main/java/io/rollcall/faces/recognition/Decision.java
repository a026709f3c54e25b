package io.rollcall.faces.recognition;

import io.rollcall.config.OrganizationSettings;

/** What a face in a frame leads to, by its best similarity and the organization's two thresholds. */
public enum Decision {
    /** At or above the match threshold: a sighting on the attendance queue. */
    MATCH,
    /** Between the low and the match threshold: a LOW_CONFIDENCE event. */
    LOW_CONFIDENCE,
    /** Below the low threshold, or nobody enrolled: an UNKNOWN_FACE event with the crop kept for review. */
    UNKNOWN,
    /** Too small or blurred to recognise: nothing is sent, so a far-away face raises no alarms. */
    UNUSABLE;

    public static Decision of(double similarity, OrganizationSettings settings) {
        if (similarity >= settings.matchThreshold()) {
            return MATCH;
        }
        return similarity >= settings.lowThreshold() ? LOW_CONFIDENCE : UNKNOWN;
    }
}
