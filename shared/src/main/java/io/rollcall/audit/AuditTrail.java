package io.rollcall.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.rollcall.platform.Queues;
import org.springframework.stereotype.Service;

/**
 * The one way a use case audits what it did: who (the actor), what (an action, which names its entity type)
 * and which entity. Records go to the audit queue and recordAudit writes them.
 */
@Service
public class AuditTrail {

    private final Queues queues;

    public AuditTrail(Queues queues) {
        this.queues = queues;
    }

    public void record(Actor actor, AuditAction action, UUID entityId) {
        record(actor, action, entityId.toString());
    }

    public void record(Actor actor, AuditAction action, String entityId) {
        queues.send(Queues.Name.AUDIT, entry(actor, action, entityId));
    }

    /** Several records of one actor in as few queue calls as SQS allows. */
    public void recordAll(Actor actor, AuditAction action, List<String> entityIds) {
        queues.sendAll(Queues.Name.AUDIT, entityIds.stream().map(id -> (Object) entry(actor, action, id)).toList());
    }

    private static AuditRecord entry(Actor actor, AuditAction action, String entityId) {
        return new AuditRecord(actor.organizationId(), actor.userId(), action.name(), action.entity().name(), entityId,
                actor.ipAddress(), actor.userAgent(), Instant.now());
    }
}
