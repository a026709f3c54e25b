package io.rollcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** New objects under the prefix become S3 ObjectCreated events, with Lambda's asynchronous retries. */
class S3NotificationsTest {

    static final TestEnvironment env = TestEnvironment.install();

    @Test
    void aNewFrameUnderThePrefixBecomesAnObjectCreatedEventOthersDoNot() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (S3Client s3 = env.s3(); SqsClient sqs = env.sqs();
             S3Notifications notifications = new S3Notifications(s3, sqs, TestEnvironment.BUCKET, "frames/", "recognizeFrame",
                     null, "us-east-1", (function, event) -> {
                         events.add(new String(event, StandardCharsets.UTF_8));
                         return "null".getBytes(StandardCharsets.UTF_8);
                     }, Duration.ZERO)) {
            String key = "frames/" + UUID.randomUUID() + "/cam 1/2026-11-25T08:00:00Z.jpg";
            s3.putObject(r -> r.bucket(TestEnvironment.BUCKET).key(key), RequestBody.fromString("jpeg"));
            s3.putObject(r -> r.bucket(TestEnvironment.BUCKET).key("faces/not-a-frame.jpg"), RequestBody.fromString("x"));

            await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
            // the next listings (every 500 ms) must not deliver the same object again
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
            // parsed as the Lambda runtime parses it
            S3Event parsed = LambdaEventSerializers.serializerFor(S3Event.class, getClass().getClassLoader()).fromJson(events.get(0));
            var record = parsed.getRecords().get(0);
            assertThat(record.getEventName()).isEqualTo("ObjectCreated:Put");
            assertThat(record.getS3().getBucket().getName()).isEqualTo(TestEnvironment.BUCKET);
            assertThat(record.getS3().getObject().getKey()).as("URL-encoded as in AWS").contains("cam+1").doesNotContain(" ");
            assertThat(record.getS3().getObject().getUrlDecodedKey()).isEqualTo(key);
            assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(4L);
        }
    }

    @Test
    void aFailingEventIsTriedThreeTimesThenSentToTheDeadLetterQueue() {
        AtomicInteger attempts = new AtomicInteger();
        String dlq = env.queueUrl("events-dlq");
        try (S3Client s3 = env.s3(); SqsClient sqs = env.sqs();
             S3Notifications notifications = new S3Notifications(s3, sqs, TestEnvironment.BUCKET, "frames/bad/", "recognizeFrame",
                     dlq, "us-east-1", (function, event) -> {
                         attempts.incrementAndGet();
                         throw new IllegalStateException("cannot read the frame");
                     }, Duration.ZERO)) {
            String key = "frames/bad/" + UUID.randomUUID() + ".jpg";
            s3.putObject(r -> r.bucket(TestEnvironment.BUCKET).key(key), RequestBody.fromString("not a jpeg"));

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                    sqs.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)).messages())
                    .anySatisfy(m -> assertThat(m.body()).contains(key.substring("frames/bad/".length()))));
            assertThat(attempts.get()).isEqualTo(S3Notifications.ATTEMPTS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Lambda puts the failure on an asynchronous invocation's dead letter (RequestID, ErrorCode, ErrorMessage), so
     * whoever reads the frames dead-letter queue can tell why; found by the fault suite, whose dead letter had none.
     */
    @Test
    void aDeadLetteredEventCarriesTheErrorAsLambdaDoes() {
        String dlq = env.createQueues("s3-reason-").get("events-dlq");
        try (S3Client s3 = env.s3(); SqsClient sqs = env.sqs();
             S3Notifications notifications = new S3Notifications(s3, sqs, TestEnvironment.BUCKET, "frames/reason/", "recognizeFrame",
                     dlq, "us-east-1", (function, event) -> {
                         throw new IllegalStateException("the attendance queue is unreachable");
                     }, Duration.ZERO)) {
            String key = "frames/reason/" + UUID.randomUUID() + ".jpg";
            s3.putObject(r -> r.bucket(TestEnvironment.BUCKET).key(key), RequestBody.fromString("a frame"));

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                    sqs.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).messageAttributeNames("All")).messages())
                    .anySatisfy(m -> {
                        assertThat(m.body()).contains(key.substring("frames/reason/".length()));
                        assertThat(m.messageAttributes().get("ErrorMessage").stringValue())
                                .contains("IllegalStateException", "the attendance queue is unreachable");
                        assertThat(m.messageAttributes().get("ErrorCode").stringValue()).isEqualTo("200");
                        assertThat(m.messageAttributes().get("RequestID").stringValue()).isNotBlank();
                    }));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
