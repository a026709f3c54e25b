package io.rollcall.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Something operators must hear about, as it travels on the events queue to dispatchNotification, which
 * stores it in {@code events} (idempotently, by {@code eventId}) and notifies the organization's channels.
 *
 * @param referenceId the face_images id, attendance id, ... the event is about (may be null)
 */
public record RaisedEvent(UUID eventId, UUID organizationId, EventType type, Severity severity, UUID referenceId,
                          Map<String, Object> metadata, Instant occurredAt) {

    /** What keeps this message from being stored and notified; empty when it is usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (eventId == null) {
            problems.add("eventId is required");
        }
        if (organizationId == null) {
            problems.add("organizationId is required");
        }
        if (type == null) {
            problems.add("type is required");
        }
        if (severity == null) {
            problems.add("severity is required");
        }
        return problems;
    }
}
