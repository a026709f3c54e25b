package io.rollcall.functions.sqs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One SQS batch with partial failures (ReportBatchItemFailures): each message is parsed and validated on its
 * own; a bad one is logged with its reason and reported failed, so SQS retries it and finally dead-letters it,
 * while the rest of the batch goes on.
 */
public final class SqsBatch<T> {

    private static final Logger log = LoggerFactory.getLogger(SqsBatch.class);

    /** A message that parsed, with the SQS id to report if handling it fails later. */
    public record Item<T>(String messageId, T value) {
    }

    private final String consumer;
    private final List<Item<T>> items = new ArrayList<>();
    private final List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();

    private SqsBatch(String consumer) {
        this.consumer = consumer;
    }

    /**
     * Parses every message body as {@code type}; {@code problems} returns what makes a parsed value unusable
     * (empty when it is fine).
     */
    public static <T> SqsBatch<T> parse(String consumer, SQSEvent event, JsonMapper json, Class<T> type,
                                        Function<T, ? extends Collection<String>> problems) {
        SqsBatch<T> batch = new SqsBatch<>(consumer);
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            T value;
            try {
                value = json.readValue(message.getBody(), type);
            } catch (RuntimeException e) {
                batch.fail(message.getMessageId(), "body is not a valid " + type.getSimpleName() + " JSON: " + e.getMessage());
                continue;
            }
            Collection<String> found = value == null ? List.of("body is empty") : problems.apply(value);
            if (!found.isEmpty()) {
                batch.fail(message.getMessageId(), String.join("; ", found));
            } else {
                batch.items.add(new Item<>(message.getMessageId(), value));
            }
        }
        return batch;
    }

    public List<Item<T>> items() {
        return items;
    }

    public List<T> values() {
        return items.stream().map(Item::value).toList();
    }

    /** Reports one message failed, logging why (the reason also travels with the message to the dead-letter queue's logs). */
    public void fail(String messageId, String reason) {
        log.warn("{}: message {} rejected: {}", consumer, messageId, reason);
        failures.add(new SQSBatchResponse.BatchItemFailure(messageId));
    }

    public SQSBatchResponse response() {
        return new SQSBatchResponse(List.copyOf(failures));
    }
}
