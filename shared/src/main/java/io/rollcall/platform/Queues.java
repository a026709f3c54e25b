package io.rollcall.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import tools.jackson.databind.json.JsonMapper;

/** Sends JSON messages to the system's queues; their URLs come from the environment (template.yaml). */
@Component
public class Queues {

    private static final Logger log = LoggerFactory.getLogger(Queues.class);

    /** SQS's limit of entries in one SendMessageBatch call. */
    static final int MAX_BATCH = 10;

    /** The queues of the system, one per consumer. */
    public enum Name { ATTENDANCE, AUDIT, EVENTS }

    private final SqsClient sqs;
    private final JsonMapper json;
    private final Map<Name, String> urls;

    public Queues(SqsClient sqs, JsonMapper json,
                  @Value("${rollcall.queues.attendance}") String attendance,
                  @Value("${rollcall.queues.audit}") String audit,
                  @Value("${rollcall.queues.events}") String events) {
        this.sqs = sqs;
        this.json = json;
        this.urls = Map.of(Name.ATTENDANCE, attendance, Name.AUDIT, audit, Name.EVENTS, events);
    }

    public String url(Name queue) {
        String url = urls.get(queue);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("no URL configured for the " + queue + " queue (" + queue + "_QUEUE_URL)");
        }
        return url;
    }

    /** Sends {@code payload} as JSON; returns the SQS message id. */
    public String send(Name queue, Object payload) {
        String body = json.writeValueAsString(payload);
        String id = sqs.sendMessage(SendMessageRequest.builder().queueUrl(url(queue)).messageBody(body).build()).messageId();
        log.debug("sent {} to {}: {}", id, queue, body);
        return id;
    }

    /**
     * Sends every payload as JSON in SendMessageBatch calls of up to ten; an entry SQS refuses is sent again on
     * its own, and a failure there is thrown, as {@link #send} would.
     */
    public void sendAll(Name queue, List<?> payloads) {
        String url = url(queue);
        for (int from = 0; from < payloads.size(); from += MAX_BATCH) {
            List<?> chunk = payloads.subList(from, Math.min(from + MAX_BATCH, payloads.size()));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(json.writeValueAsString(chunk.get(i))).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
            response.failed().forEach(failed -> {
                log.warn("{}: batch entry refused ({}), sending it alone", queue, failed.message());
                send(queue, chunk.get(Integer.parseInt(failed.id())));
            });
        }
    }
}
