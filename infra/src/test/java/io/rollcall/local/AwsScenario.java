package io.rollcall.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One scenario, run against every S3/SQS the system can use: the template's queues and bucket are provisioned
 * as the local runtime does, a camera frame round-trips through the bucket, and a message that keeps failing
 * moves to its dead-letter queue after maxReceiveCount receives, while a good one is consumed.
 */
abstract class AwsScenario {

    protected abstract URI s3Endpoint();

    protected abstract URI sqsEndpoint();

    protected abstract String accessKey();

    protected abstract String secretKey();

    @Test
    void provisionedQueuesRedriveAndTheBucketKeepsFrames() throws Exception {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey(), secretKey()));
        try (SqsClient sqs = SqsClient.builder().endpointOverride(sqsEndpoint()).region(Region.US_EAST_1).credentialsProvider(credentials).build();
             S3Client s3 = S3Client.builder().endpointOverride(s3Endpoint()).forcePathStyle(true).region(Region.US_EAST_1).credentialsProvider(credentials).build()) {
            SamTemplate template = SamTemplate.read(TestEnvironment.install().root().resolve("template.yaml"));
            Map<String, String> env = new HashMap<>();
            env.put("ROLLCALL_ROOT", TestEnvironment.install().root().toString());
            env.put("ROLLCALL_STACK_NAME", "sc" + UUID.randomUUID().toString().substring(0, 6));
            LocalStack stack = LocalStack.provision(template, LocalSettings.fromEnvironment(env), sqs, s3);

            String bucket = stack.bucketName("MediaBucket");
            String key = "frames/" + UUID.randomUUID() + "/" + UUID.randomUUID() + "/frame.jpg";
            byte[] frame = "a camera frame".getBytes(StandardCharsets.UTF_8);
            s3.putObject(r -> r.bucket(bucket).key(key).contentType("image/jpeg"), RequestBody.fromBytes(frame));
            assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()).isEqualTo(frame);
            assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("frames/")).contents()).extracting(o -> o.key()).contains(key);

            String queue = stack.queueUrl("AuditQueue");
            String dlq = stack.queueUrl("AuditDeadLetterQueue");
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody("poison"));
            // receive and fail it (make it visible again at once) until SQS moves it on
            for (int receive = 0; receive < 5; receive++) {
                for (Message m : receiveAll(sqs, queue)) {
                    sqs.changeMessageVisibility(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
                }
            }
            assertThat(receiveAll(sqs, queue)).as("gone from the queue after maxReceiveCount").isEmpty();
            assertThat(receiveAll(sqs, dlq)).extracting(Message::body).containsExactly("poison");
        }
    }

    private static List<Message> receiveAll(SqsClient sqs, String queue) {
        return sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
    }
}
