package io.rollcall.functions.events;

import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.rollcall.events.RaisedEvent;
import io.rollcall.functions.sqs.SqsBatch;
import io.rollcall.functions.sqs.SqsBatches;
import io.rollcall.notifications.DispatchNotification;
import io.rollcall.notifications.DispatchNotification.Outcome;
import io.rollcall.platform.Queues;
import org.springframework.stereotype.Component;

/**
 * dispatchNotification: each RaisedEvent of the events queue is stored and notified. A malformed message, or one
 * whose deliveries failed for good, is dead-lettered with its reason; one whose deliveries may still pass is
 * retried after the backoff (the policy: {@link SqsBatch}).
 */
@Component("dispatchNotification")
public class DispatchNotificationFunction implements Function<SQSEvent, SQSBatchResponse> {

    private final DispatchNotification dispatcher;
    private final SqsBatches batches;

    public DispatchNotificationFunction(DispatchNotification dispatcher, SqsBatches batches) {
        this.dispatcher = dispatcher;
        this.batches = batches;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        SqsBatch<RaisedEvent> batch = batches.parse(Queues.Name.EVENTS, event, RaisedEvent.class, RaisedEvent::problems);
        batch.forEach(RaisedEvent::organizationId, item -> {
            Outcome outcome = dispatcher.dispatch(item.value());
            if (outcome instanceof Outcome.Failed failed) {
                batch.reject(item, "event " + item.value().eventId() + ": " + failed.reason());
            } else if (outcome instanceof Outcome.Retry retry) {
                batch.retryAfter(item, retry.delaySeconds(), "event " + item.value().eventId() + ": " + retry.reason());
            }
        });
        return batch.response();
    }
}
