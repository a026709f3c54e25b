package io.rollcall.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One audited action, as it travels from the outbox over the audit queue to recordAudit. Sizes follow the
 * audit_logs columns. {@code id} makes a record delivered twice one row (null: records from before the outbox).
 */
public record AuditRecord(UUID organizationId, UUID userId, String action, String entityType, String entityId,
                          String ipAddress, String userAgent, Instant occurredAt, UUID id) {

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /**
     * A new record id, time-ordered as UUIDv7 lays it out (48 bits of epoch milliseconds first): the unique index
     * on audit_logs.record_id then grows at its right edge like the table, instead of taking random pages.
     */
    public static UUID newId() {
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    public AuditRecord(UUID organizationId, UUID userId, String action, String entityType, String entityId,
                       String ipAddress, String userAgent, Instant occurredAt) {
        this(organizationId, userId, action, entityType, entityId, ipAddress, userAgent, occurredAt, null);
    }

    /** The problems that keep this record out of audit_logs; empty when it is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (action == null || action.isBlank()) {
            problems.add("action is required");
        }
        checkLength(problems, "action", action, 100);
        checkLength(problems, "entityType", entityType, 100);
        checkLength(problems, "entityId", entityId, 100);
        if (ipAddress != null && !ipAddress.isBlank() && !IpAddresses.isLiteral(ipAddress)) {
            problems.add("ipAddress is not an IPv4 or IPv6 address");
        }
        return problems;
    }

    private static void checkLength(List<String> problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(field + " is longer than " + max + " characters");
        }
    }
}
