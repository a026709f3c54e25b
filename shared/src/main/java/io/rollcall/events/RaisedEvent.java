package io.rollcall.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something operators must hear about, as it travels on the events queue to dispatchNotification, which
 * stores it in {@code events} (idempotently, by {@code eventId}) and notifies the organization's channels.
 *
 * @param type        UNKNOWN_FACE, LOW_CONFIDENCE, SERVICE_DOWN, ...
 * @param severity    INFO, WARNING or CRITICAL
 * @param referenceId the face_images id, attendance id, ... the event is about (may be null)
 */
public record RaisedEvent(UUID eventId, UUID organizationId, String type, String severity, UUID referenceId,
                          Map<String, Object> metadata, Instant occurredAt) {
}
