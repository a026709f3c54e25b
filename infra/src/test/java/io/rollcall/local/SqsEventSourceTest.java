package io.rollcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Lambda's SQS event source mapping, locally: batches up to BatchSize, and MaximumConcurrency batches at once. */
class SqsEventSourceTest {

    static final TestEnvironment env = TestEnvironment.install();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void maximumConcurrencyPollersDeliverThatManyBatchesAtOnceAndEveryMessageOnce() throws Exception {
        String queue = env.queueUrl("audit"); // any queue of the test stack; purged first
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicInteger largestBatch = new AtomicInteger();
        CountDownLatch threeAtOnce = new CountDownLatch(3);
        try (SqsClient sqs = env.sqs()) {
            sqs.purgeQueue(r -> r.queueUrl(queue));
            for (int i = 0; i < 300; i += 10) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int j = i; j < i + 10; j++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id("m" + j).messageBody("message " + j).build());
                }
                sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(entries));
            }
            Lambda function = (name, event) -> {
                int now = inFlight.incrementAndGet();
                mostInFlight.accumulateAndGet(now, Math::max);
                threeAtOnce.countDown();
                try {
                    threeAtOnce.await(10, TimeUnit.SECONDS); // hold the batch until three are delivered at once
                    JsonNode records = json.readTree(event).path("Records");
                    largestBatch.accumulateAndGet(records.size(), Math::max);
                    records.forEach(r -> delivered.add(r.path("body").asString()));
                    return "{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    inFlight.decrementAndGet();
                }
            };
            SamTemplate.SqsSource spec = new SamTemplate.SqsSource("AuditQueue", 50, true, 3);
            try (SqsEventSource source = new SqsEventSource(sqs, queue, "arn:aws:sqs:us-east-1:000000000000:audit",
                    "us-east-1", spec, "recordAudit", function, Duration.ofSeconds(1))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() == 300);
            }
        }
        assertThat(threeAtOnce.getCount()).as("three batches were in flight at once").isZero();
        assertThat(mostInFlight.get()).isEqualTo(3);
        assertThat(largestBatch.get()).as("a batch takes several receives of 10").isGreaterThan(10).isLessThanOrEqualTo(50);
    }
}
