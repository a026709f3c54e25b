package io.rollcall.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lambda's SQS event source mapping, locally: polls a queue, hands up to BatchSize messages to the function as
 * one SQSEvent, deletes what succeeded and leaves the rest for SQS to redeliver; the queue's redrive policy moves
 * a message to its dead-letter queue after maxReceiveCount receives. With ReportBatchItemFailures only the
 * reported items are retried; without it, or when the function throws, the whole batch is.
 *
 * <p>ScalingConfig.MaximumConcurrency pollers run at once, each receiving and delivering its own batches, as that
 * many concurrent invocations would (one without a ScalingConfig).
 *
 * <p>One local difference: a failed message becomes visible again after {@code retryDelay} instead of the
 * queue's visibility timeout (minutes in AWS), so retries and dead-lettering show within seconds.
 */
final class SqsEventSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqsEventSource.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final SamTemplate.SqsSource spec;
    private final String function;
    private final Lambda lambda;
    private final Duration retryDelay;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running = true;

    SqsEventSource(SqsClient sqs, String queueUrl, String queueArn, String region, SamTemplate.SqsSource spec,
                   String function, Lambda lambda, Duration retryDelay) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.region = region;
        this.spec = spec;
        this.function = function;
        this.lambda = lambda;
        this.retryDelay = retryDelay;
        for (int i = 0; i < Math.max(1, spec.maximumConcurrency()); i++) {
            pollers.add(daemon("sqs-" + function + "-" + i, this::poll));
        }
    }

    private void poll() {
        while (running) {
            try {
                List<Message> batch = receiveBatch();
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("{}: polling {} failed: {}", function, queueUrl, e.toString());
                    sleep(Duration.ofSeconds(1));
                }
            }
        }
    }

    /** Up to BatchSize messages: SQS returns at most 10 per call, so a larger batch takes several receives. */
    private List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>();
        while (batch.size() < spec.batchSize()) {
            int want = Math.min(10, spec.batchSize() - batch.size());
            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(want)
                    .waitTimeSeconds(batch.isEmpty() ? 1 : 0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            batch.addAll(received);
            if (received.size() < want) {
                break;
            }
        }
        return batch;
    }

    private void deliver(List<Message> batch) {
        Set<String> failed = new HashSet<>();
        try {
            byte[] response = lambda.invoke(function, json.writeValueAsBytes(event(batch)));
            if (spec.reportBatchItemFailures()) {
                JsonNode failures = json.readTree(response).path("batchItemFailures");
                failures.forEach(f -> failed.add(f.path("itemIdentifier").asString()));
            }
        } catch (RuntimeException e) {
            log.warn("{} failed on a batch of {}: {}", function, batch.size(), e.toString());
            batch.forEach(m -> failed.add(m.messageId()));
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : batch) {
            if (failed.contains(m.messageId())) {
                settle(() -> sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())
                        .visibilityTimeout((int) retryDelay.toSeconds())));
            } else {
                done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build());
            }
        }
        for (int i = 0; i < done.size(); i += 10) {
            List<DeleteMessageBatchRequestEntry> chunk = done.subList(i, Math.min(done.size(), i + 10));
            settle(() -> sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(chunk)));
        }
        if (!failed.isEmpty()) {
            log.info("{}: {} of {} messages failed and will be retried", function, failed.size(), batch.size());
        }
    }

    /**
     * A delete or visibility change after the function ran, tried again while SQS is unreachable (as the event
     * source mapping does): given up, the message would come back only after the queue's visibility timeout.
     */
    private void settle(Runnable call) {
        Failsafe.with(SETTLE).run(call::run);
    }

    private static final RetryPolicy<Object> SETTLE = RetryPolicy.builder()
            .handle(SdkClientException.class)
            .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
            .withMaxDuration(Duration.ofSeconds(30))
            .withMaxRetries(-1)
            .build();

    /** The SQSEvent JSON Lambda sends. */
    private Map<String, Object> event(List<Message> batch) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Message m : batch) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            Map<String, Object> messageAttributes = new LinkedHashMap<>();
            m.messageAttributes().forEach((k, v) -> messageAttributes.put(k, Map.of(
                    "stringValue", v.stringValue() == null ? "" : v.stringValue(), "dataType", v.dataType())));
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            record.put("attributes", attributes);
            record.put("messageAttributes", messageAttributes);
            record.put("md5OfBody", m.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
            records.add(record);
        }
        return Map.of("Records", records);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread poller : pollers) {
            poller.join(3000);
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
