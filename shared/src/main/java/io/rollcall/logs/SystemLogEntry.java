package io.rollcall.logs;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One system_logs row: a WARN or ERROR line of some function, with its context as JSON metadata. */
public record SystemLogEntry(String level, String serviceName, String message, Map<String, Object> metadata,
                             UUID organizationId, Instant at) {
}
