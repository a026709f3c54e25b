package io.rollcall.audit;

import java.time.Instant;
import java.util.UUID;

import io.rollcall.platform.Queues;
import org.springframework.stereotype.Service;

/** Every mutation calls this: the record goes to the audit queue and recordAudit writes it. */
@Service
public class AuditTrail {

    private final Queues queues;

    public AuditTrail(Queues queues) {
        this.queues = queues;
    }

    public void record(UUID organizationId, UUID userId, String action, String entityType, String entityId,
                       String ipAddress, String userAgent) {
        queues.send(Queues.Name.AUDIT, new AuditRecord(organizationId, userId, action, entityType, entityId,
                ipAddress, userAgent, Instant.now()));
    }
}
