package io.rollcall.functions.events;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.rollcall.events.RaisedEvent;
import io.rollcall.functions.sqs.SqsBatch;
import io.rollcall.functions.sqs.SqsBatches;
import io.rollcall.notifications.DispatchNotification;
import io.rollcall.notifications.DispatchNotification.Outcome;
import io.rollcall.platform.Queues;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * dispatchNotification: each RaisedEvent of the events queue is stored and notified. A malformed message, or one
 * whose deliveries failed for good, is dead-lettered with its reason; one whose deliveries may still pass is
 * retried after the backoff (the policy: {@link SqsBatch}).
 *
 * <p>The events of a batch are dispatched a few at a time (NOTIFICATION_DISPATCH_THREADS): the time goes into
 * waiting for the SMTP server, the SMS provider and Postgres, not into the CPU, so this pays even below one vCPU.
 * Each event's deliveries are claimed in Postgres before they are sent, so two threads (or two instances) never
 * send one delivery twice.
 */
@Component("dispatchNotification")
public class DispatchNotificationFunction implements Function<SQSEvent, SQSBatchResponse>, AutoCloseable {

    private final DispatchNotification dispatcher;
    private final SqsBatches batches;
    private final ExecutorService senders;

    public DispatchNotificationFunction(DispatchNotification dispatcher, SqsBatches batches,
                                        @Value("${rollcall.notifications.dispatch_threads}") int threads) {
        this.dispatcher = dispatcher;
        this.batches = batches;
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "dispatch-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        SqsBatch<RaisedEvent> batch = batches.parse(Queues.Name.EVENTS, event, RaisedEvent.class, RaisedEvent::problems);
        batch.forEachConcurrently(RaisedEvent::organizationId, senders, item -> dispatcher.dispatch(item.value()), (item, outcome) -> {
            if (outcome instanceof Outcome.Failed failed) {
                batch.reject(item, "event " + item.value().eventId() + ": " + failed.reason());
            } else if (outcome instanceof Outcome.Retry retry) {
                batch.retryAfter(item, retry.delaySeconds(), "event " + item.value().eventId() + ": " + retry.reason());
            }
        });
        return batch.response();
    }

    @Override
    public void close() {
        senders.shutdown();
    }
}
