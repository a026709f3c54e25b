package io.rollcall.platform;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Sends a message that can never succeed straight to its queue's dead-letter queue, with the reason as a
 * message attribute, instead of letting SQS retry it maxReceiveCount times for nothing. Also reads the
 * dead-letter queues' URLs (ATTENDANCE_DLQ_URL, AUDIT_DLQ_URL, EVENTS_DLQ_URL) for the health checks.
 */
@Component
public class DeadLetters {

    /** The message attribute that carries why a message was dead-lettered. */
    public static final String REASON_ATTRIBUTE = "rollcall-failure-reason";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final SqsClient sqs;
    private final Map<Queues.Name, String> urls;

    public DeadLetters(SqsClient sqs,
                       @Value("${rollcall.queues.attendance-dlq}") String attendance,
                       @Value("${rollcall.queues.audit-dlq}") String audit,
                       @Value("${rollcall.queues.events-dlq}") String events) {
        this.sqs = sqs;
        this.urls = Map.of(Queues.Name.ATTENDANCE, attendance, Queues.Name.AUDIT, audit, Queues.Name.EVENTS, events);
    }

    /** The dead-letter queue's URL, or null when the environment does not name it. */
    public String url(Queues.Name queue) {
        String url = urls.get(queue);
        return url == null || url.isBlank() ? null : url;
    }

    /** Moves {@code body} to the dead-letter queue of {@code queue}; false when that queue is not configured or unreachable. */
    public boolean send(Queues.Name queue, String body, String reason) {
        String url = url(queue);
        log.warn("dead-lettering a {} message: {}", queue.name().toLowerCase(), reason);
        if (url == null) {
            return false;
        }
        try {
            String trimmed = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageAttributes(Map.of(REASON_ATTRIBUTE,
                    MessageAttributeValue.builder().dataType("String").stringValue(trimmed).build())));
            return true;
        } catch (RuntimeException e) {
            log.error("could not dead-letter a {} message: {}", queue, e.getMessage());
            return false;
        }
    }
}
