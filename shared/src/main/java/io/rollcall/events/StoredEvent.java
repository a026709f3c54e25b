package io.rollcall.events;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** An events row as the API shows it. */
public record StoredEvent(UUID id, UUID organizationId, EventType type, Severity severity, UUID referenceId, JsonNode metadata,
                          Instant occurredAt, Instant createdAt, Instant acknowledgedAt, UUID acknowledgedBy) {
}
