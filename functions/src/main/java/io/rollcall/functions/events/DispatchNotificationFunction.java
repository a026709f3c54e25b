package io.rollcall.functions.events;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.rollcall.events.RaisedEvent;
import io.rollcall.notifications.NotificationDispatcher;
import io.rollcall.notifications.NotificationDispatcher.Outcome;
import io.rollcall.platform.DeadLetters;
import io.rollcall.platform.Queues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * dispatchNotification: each RaisedEvent of the events queue is stored and notified. A malformed message or
 * one whose deliveries failed for good is moved to the dead-letter queue with its reason at once; one whose
 * deliveries may still pass is reported failed with its visibility set to the backoff, so SQS retries it then.
 */
@Component("dispatchNotification")
public class DispatchNotificationFunction implements Function<SQSEvent, SQSBatchResponse> {

    private static final Logger log = LoggerFactory.getLogger(DispatchNotificationFunction.class);

    private final NotificationDispatcher dispatcher;
    private final DeadLetters deadLetters;
    private final Queues queues;
    private final SqsClient sqs;
    private final JsonMapper json;

    public DispatchNotificationFunction(NotificationDispatcher dispatcher, DeadLetters deadLetters, Queues queues,
                                        SqsClient sqs, JsonMapper json) {
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
        this.queues = queues;
        this.sqs = sqs;
        this.json = json;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : messages) {
            if (!handle(message)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** True when the message is finished with (delivered or dead-lettered), false to have SQS retry it. */
    private boolean handle(SQSEvent.SQSMessage message) {
        RaisedEvent raised;
        try {
            raised = json.readValue(message.getBody(), RaisedEvent.class);
        } catch (RuntimeException e) {
            return deadLetter(message, "body is not a valid RaisedEvent JSON: " + e.getMessage());
        }
        List<String> problems = raised == null ? List.of("body is empty") : raised.problems();
        if (!problems.isEmpty()) {
            return deadLetter(message, String.join("; ", problems));
        }
        MDC.put("organizationId", raised.organizationId().toString());
        try {
            Outcome outcome = dispatcher.dispatch(raised);
            if (outcome instanceof Outcome.Failed failed) {
                return deadLetter(message, "event " + raised.eventId() + ": " + failed.reason());
            }
            if (outcome instanceof Outcome.Retry retry) {
                log.warn("event {}: retrying in {} s: {}", raised.eventId(), retry.delaySeconds(), retry.reason());
                backOff(message, retry.delaySeconds());
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            log.error("event {} could not be dispatched", raised.eventId(), e);
            return false; // a database hiccup: SQS retries, and finally dead-letters it
        } finally {
            MDC.remove("organizationId");
        }
    }

    private boolean deadLetter(SQSEvent.SQSMessage message, String reason) {
        // when the dead-letter queue is unreachable, fail the item: SQS's own redrive still gets it there
        return deadLetters.send(Queues.Name.EVENTS, message.getBody(), "message " + message.getMessageId() + ": " + reason);
    }

    private void backOff(SQSEvent.SQSMessage message, int seconds) {
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(queues.url(Queues.Name.EVENTS))
                    .receiptHandle(message.getReceiptHandle()).visibilityTimeout(Math.min(seconds, 43_200)));
        } catch (RuntimeException e) {
            log.debug("could not set the backoff of {}: {}", message.getMessageId(), e.getMessage());
        }
    }
}
