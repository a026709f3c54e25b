package io.rollcall.attendance;

import java.time.Instant;
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
}
