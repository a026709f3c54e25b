package io.rollcall.attendance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A recognized person seen by a camera: the message recognizeFrame (or the API) puts on the attendance queue
 * and markAttendance consumes. {@code eventId} is unique per sighting and makes the consumer idempotent.
 *
 * @param source     CAMERA, or API for an integration's events
 * @param similarity cosine similarity of the match, 0..1
 */
public record Sighting(UUID eventId, UUID organizationId, UUID userId, UUID cameraId, Instant capturedAt,
                       double similarity, String source) {

    /** Clocks of cameras and integrations drift a little; anything later than this is a bad message. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /** What makes this message unusable, checked before anything is looked up; empty when it is fine. */
    public List<String> problems(Instant now) {
        List<String> problems = new ArrayList<>();
        if (eventId == null) {
            problems.add("eventId is required");
        }
        if (organizationId == null) {
            problems.add("organizationId is required");
        }
        if (userId == null) {
            problems.add("userId is required");
        }
        if (capturedAt == null) {
            problems.add("capturedAt is required");
        } else if (capturedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            problems.add("capturedAt " + capturedAt + " is in the future");
        }
        if (Double.isNaN(similarity) || similarity < 0 || similarity > 1) {
            problems.add("similarity must be between 0 and 1");
        }
        if (!AttendanceSource.CAMERA.name().equals(source) && !AttendanceSource.API.name().equals(source)) {
            problems.add("source must be CAMERA or API");
        }
        return problems;
    }

    public AttendanceSource sourceType() {
        return AttendanceSource.valueOf(source);
    }
}
