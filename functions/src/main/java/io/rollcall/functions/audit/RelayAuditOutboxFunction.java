package io.rollcall.functions.audit;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.rollcall.audit.AuditOutbox;
import org.springframework.stereotype.Component;

/**
 * relayAuditOutbox, every minute: sends on the audit records that waited in the outbox - their function's relay
 * after the commit failed (the queue was down) or never ran (the instance died). Records younger than
 * {@link #GRACE} are left to the relay their own function is about to make.
 */
@Component("relayAuditOutbox")
public class RelayAuditOutboxFunction implements Function<ScheduledEvent, Map<String, Integer>> {

    static final Duration GRACE = Duration.ofSeconds(30);
    static final int MAX_PER_RUN = 5_000;

    private final AuditOutbox outbox;

    public RelayAuditOutboxFunction(AuditOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Map<String, Integer> apply(ScheduledEvent event) {
        return Map.of("relayed", outbox.relayWaiting(GRACE, MAX_PER_RUN));
    }
}
