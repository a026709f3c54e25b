package io.rollcall.events;

import java.util.Optional;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** An operator marks an event handled; the first acknowledgement wins, every one is audited. */
@Service
public class AcknowledgeEvent {

    private final EventRepository events;
    private final AuditTrail audit;

    private final TransactionTemplate transactions;

    public AcknowledgeEvent(EventRepository events, AuditTrail audit, TransactionTemplate transactions) {
        this.events = events;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** The event as it now stands; empty when the actor's organization has no such event. */
    public Optional<StoredEvent> acknowledge(Actor actor, UUID eventId) {
        // the acknowledgement and its record commit together
        return transactions.execute(s -> {
            Optional<StoredEvent> event = events.acknowledge(actor.organizationId(), eventId, actor.userId());
            event.ifPresent(e -> audit.record(actor, AuditAction.EVENT_ACKNOWLEDGED, eventId));
            return event;
        });
    }
}
