package io.rollcall.functions.sqs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.rollcall.logs.SystemLogAppender;
import io.rollcall.platform.DeadLetters;
import io.rollcall.platform.Queues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * One SQS batch with partial failures (ReportBatchItemFailures), and the one bad-message policy every consumer
 * follows (docs/development.md):
 * <ul>
 *   <li>a message that can never succeed - not JSON, not the contract, refused by the domain - is
 *       {@linkplain #reject rejected}: moved to the queue's dead-letter queue at once with its reason as a message
 *       attribute and logged, instead of being retried maxReceiveCount times for nothing (if the dead-letter queue
 *       cannot be reached, it is reported failed, and SQS's own redrive gets it there);</li>
 *   <li>a failure that may pass later - a database or network hiccup - is {@linkplain #retry retried}: logged and
 *       reported failed, so SQS delivers it again after the visibility timeout (or {@link #retryAfter the given
 *       delay}) and redrives it to the dead-letter queue after maxReceiveCount;</li>
 *   <li>the rest of the batch goes on either way.</li>
 * </ul>
 * Create one with {@link SqsBatches#parse}.
 */
public final class SqsBatch<T> {

    private static final Logger log = LoggerFactory.getLogger(SqsBatch.class);

    /** A message that parsed, with what is needed to reject or retry it later. */
    public record Item<T>(String messageId, String body, String receiptHandle, T value) {
    }

    private final Queues.Name queue;
    private final DeadLetters deadLetters;
    private final SqsClient sqs;
    private final Queues queues;
    private final List<Item<T>> items = new ArrayList<>();
    private final List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();

    private SqsBatch(Queues.Name queue, DeadLetters deadLetters, SqsClient sqs, Queues queues) {
        this.queue = queue;
        this.deadLetters = deadLetters;
        this.sqs = sqs;
        this.queues = queues;
    }

    static <T> SqsBatch<T> parse(Queues.Name queue, SQSEvent event, Class<T> type,
                                 Function<T, ? extends Collection<String>> problems,
                                 JsonMapper json, DeadLetters deadLetters, SqsClient sqs, Queues queues) {
        SqsBatch<T> batch = new SqsBatch<>(queue, deadLetters, sqs, queues);
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            T value;
            try {
                value = json.readValue(message.getBody(), type);
            } catch (RuntimeException e) {
                batch.reject(message.getMessageId(), message.getBody(),
                        "body is not a valid " + type.getSimpleName() + " JSON: " + e.getMessage());
                continue;
            }
            Collection<String> found = value == null ? List.of("body is empty") : problems.apply(value);
            if (!found.isEmpty()) {
                batch.reject(message.getMessageId(), message.getBody(), String.join("; ", found));
            } else {
                batch.items.add(new Item<>(message.getMessageId(), message.getBody(), message.getReceiptHandle(), value));
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

    /**
     * Runs {@code handler} on every parsed item with its organization on the log lines (so WARN/ERROR reach that
     * organization's system log); an exception it throws is a failure that may pass, so the item is retried.
     */
    public void forEach(Function<T, UUID> organizationOf, Consumer<Item<T>> handler) {
        for (Item<T> item : items) {
            UUID organization = organizationOf.apply(item.value());
            if (organization != null) {
                MDC.put(SystemLogAppender.ORGANIZATION_KEY, organization.toString());
            }
            try {
                handler.accept(item);
            } catch (RuntimeException e) {
                retry(item, "could not be handled, will be retried: " + e);
            } finally {
                MDC.remove(SystemLogAppender.ORGANIZATION_KEY);
            }
        }
    }

    /**
     * As {@link #forEach}, several items at a time on {@code executor}: for slow, I/O-bound handlers whose items are
     * independent (one e-mail does not wait for another). {@code handler} runs on the executor and must not touch
     * the batch; {@code then} gets its result on the calling thread, in the batch's order, and may reject or retry.
     */
    public <R> void forEachConcurrently(Function<T, UUID> organizationOf, ExecutorService executor,
                                        Function<Item<T>, R> handler, BiConsumer<Item<T>, R> then) {
        List<Future<R>> results = new ArrayList<>();
        for (Item<T> item : items) {
            UUID organization = organizationOf.apply(item.value());
            results.add(executor.submit(() -> {
                if (organization != null) {
                    MDC.put(SystemLogAppender.ORGANIZATION_KEY, organization.toString());
                }
                try {
                    return handler.apply(item);
                } finally {
                    MDC.remove(SystemLogAppender.ORGANIZATION_KEY);
                }
            }));
        }
        for (int i = 0; i < items.size(); i++) {
            Item<T> item = items.get(i);
            try {
                then.accept(item, results.get(i).get());
            } catch (ExecutionException e) {
                retry(item, "could not be handled, will be retried: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                retry(item, "interrupted, will be retried");
            }
        }
    }

    /**
     * Runs {@code handler} on all parsed items at once (one transaction for a batch); an exception it throws is a
     * failure that may pass, so every item is retried. The handler must decide everything before it rejects any
     * item, so that a failure never both dead-letters and retries one. When the whole batch is one organization's,
     * its id is on the log lines.
     */
    public void forAll(Function<T, UUID> organizationOf, Consumer<List<Item<T>>> handler) {
        if (items.isEmpty()) {
            return;
        }
        List<UUID> organizations = items.stream().map(i -> organizationOf.apply(i.value())).distinct().toList();
        if (organizations.size() == 1 && organizations.get(0) != null) {
            MDC.put(SystemLogAppender.ORGANIZATION_KEY, organizations.get(0).toString());
        }
        try {
            handler.accept(items);
        } catch (RuntimeException e) {
            items.forEach(item -> retry(item, "could not be handled, will be retried: " + e));
        } finally {
            MDC.remove(SystemLogAppender.ORGANIZATION_KEY);
        }
    }

    /** The message can never succeed: to the dead-letter queue now, with its reason. */
    public void reject(Item<T> item, String reason) {
        reject(item.messageId(), item.body(), reason);
    }

    /** The failure may pass: SQS delivers the message again after its visibility timeout. */
    public void retry(Item<T> item, String reason) {
        log.warn("{}: message {} will be retried: {}", consumer(), item.messageId(), reason);
        failures.add(new SQSBatchResponse.BatchItemFailure(item.messageId()));
    }

    /** As {@link #retry}, with the message invisible for {@code seconds} first (a backoff). */
    public void retryAfter(Item<T> item, int seconds, String reason) {
        retry(item, reason + " (in " + seconds + " s)");
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(queues.url(queue)).receiptHandle(item.receiptHandle())
                    .visibilityTimeout(Math.min(seconds, 43_200)));
        } catch (RuntimeException e) {
            // the queue's own visibility timeout applies instead
            log.debug("could not set the backoff of {}: {}", item.messageId(), e.getMessage());
        }
    }

    public SQSBatchResponse response() {
        return new SQSBatchResponse(List.copyOf(failures));
    }

    private void reject(String messageId, String body, String reason) {
        if (!deadLetters.send(queue, body, consumer() + ": message " + messageId + ": " + reason)) {
            failures.add(new SQSBatchResponse.BatchItemFailure(messageId));
        }
    }

    private String consumer() {
        return queue.name().toLowerCase() + " consumer";
    }
}
