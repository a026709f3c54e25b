package io.rollcall.audit;

import java.time.Instant;
import java.util.UUID;

/** Filters of the audit log (null = any), newest first; {@code beforeId} is the last id of the previous page. */
public record AuditQuery(UUID userId, String entityType, String entityId, String action, Instant from, Instant to,
                         Long beforeId, int limit) {
}
