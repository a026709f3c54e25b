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
