package io.rollcall.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    public static final Set<String> SEVERITIES = Set.of("INFO", "WARNING", "CRITICAL");

    /** What keeps this message from being stored and notified; empty when it is usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (eventId == null) {
            problems.add("eventId is required");
        }
        if (organizationId == null) {
            problems.add("organizationId is required");
        }
        if (type == null || !type.matches("[A-Z][A-Z_]{1,49}")) {
            problems.add("type must be UPPER_SNAKE_CASE, at most 50 characters");
        }
        if (severity == null || !SEVERITIES.contains(severity)) {
            problems.add("severity must be one of INFO, WARNING, CRITICAL");
        }
        return problems;
    }
}
