package io.rollcall.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;

/**
 * The one way a use case audits what it did: who (the actor), what (an action, which names its entity type)
 * and which entity. Called inside the use case's transaction, the record commits or rolls back with the change
 * (AuditOutbox); it reaches audit_logs through the audit queue and recordAudit.
 */
@Service
public class AuditTrail {

    private final AuditOutbox outbox;

    public AuditTrail(AuditOutbox outbox) {
        this.outbox = outbox;
    }

    public void record(Actor actor, AuditAction action, UUID entityId) {
        record(actor, action, entityId.toString());
    }

    public void record(Actor actor, AuditAction action, String entityId) {
        outbox.add(List.of(entry(actor, action, entityId)));
    }

    /** Several records of one actor in as few queue calls as SQS allows. */
    public void recordAll(Actor actor, AuditAction action, List<String> entityIds) {
        outbox.add(entityIds.stream().map(id -> entry(actor, action, id)).toList());
    }

    /**
     * Runs {@code work} and relays the records it made to the audit queue together at its end: what a bulk job wraps
     * its batches in (the records still commit with each change; only the queue calls are fewer).
     */
    public <T> T relayingTogether(Supplier<T> work) {
        return outbox.relayingTogether(work);
    }

    private static AuditRecord entry(Actor actor, AuditAction action, String entityId) {
        return new AuditRecord(actor.organizationId(), actor.userId(), action.name(), action.entity().name(), entityId,
                actor.ipAddress(), actor.userAgent(), Instant.now(), AuditRecord.newId());
    }
}
