package io.rollcall.events;

import java.util.Optional;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import org.springframework.stereotype.Service;

/** An operator marks an event handled; the first acknowledgement wins, every one is audited. */
@Service
public class AcknowledgeEvent {

    private final EventRepository events;
    private final AuditTrail audit;

    public AcknowledgeEvent(EventRepository events, AuditTrail audit) {
        this.events = events;
        this.audit = audit;
    }

    /** The event as it now stands; empty when the actor's organization has no such event. */
    public Optional<StoredEvent> acknowledge(Actor actor, UUID eventId) {
        Optional<StoredEvent> event = events.acknowledge(actor.organizationId(), eventId, actor.userId());
        event.ifPresent(e -> audit.record(actor, AuditAction.EVENT_ACKNOWLEDGED, eventId));
        return event;
    }
}
