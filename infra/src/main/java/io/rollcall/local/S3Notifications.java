package io.rollcall.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * S3 event notifications, locally (neither S3Proxy nor ElasticMQ emits them): every new object under the
 * prefix becomes an ObjectCreated S3Event for the function, invoked asynchronously as S3 does. Like Lambda's
 * asynchronous invocation, a failing event is retried twice, the second wait twice the first (Lambda: 1 and 2
 * minutes; here {@code retryDelay} and twice that); after that it goes to the function's DeadLetterQueue, with
 * Lambda's RequestID, ErrorCode and ErrorMessage attributes, when the template names one, else it is logged and
 * dropped.
 */
final class S3Notifications implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3Notifications.class);
    static final int ATTEMPTS = 3;

    private final S3Client s3;
    private final SqsClient sqs;
    private final String bucket;
    private final String prefix;
    private final String function;
    private final String deadLetterQueueUrl;
    private final String region;
    private final Lambda lambda;
    private final Duration retryDelay;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Set<String> seen = new HashSet<>();
    private final ExecutorService invocations = Executors.newFixedThreadPool(2);
    private final Thread poller;
    private volatile boolean running = true;

    S3Notifications(S3Client s3, SqsClient sqs, String bucket, String prefix, String function, String deadLetterQueueUrl,
                    String region, Lambda lambda, Duration retryDelay) {
        this.s3 = s3;
        this.sqs = sqs;
        this.bucket = bucket;
        this.prefix = prefix;
        this.function = function;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.region = region;
        this.lambda = lambda;
        this.retryDelay = retryDelay;
        list().forEach(o -> seen.add(key(o))); // objects from before the start were never "created" for us
        this.poller = daemon("s3-" + function, this::poll);
    }

    private void poll() {
        while (running) {
            try {
                for (S3Object object : list()) {
                    if (seen.add(key(object)) && exists(object.key())) {
                        byte[] event = json.writeValueAsBytes(event(object));
                        invocations.submit(() -> invoke(object.key(), event));
                    }
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("{}: listing s3://{}/{} failed: {}", function, bucket, prefix, e.toString());
                }
            }
        }
    }

    private void invoke(String key, byte[] event) {
        String requestId = UUID.randomUUID().toString();
        String error = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                lambda.invoke(function, event);
                return;
            } catch (RuntimeException e) {
                error = e.toString();
                log.warn("{} failed on s3://{}/{} (attempt {} of {}): {}", function, bucket, key, attempt, ATTEMPTS, error);
                if (attempt < ATTEMPTS) {
                    try {
                        Thread.sleep(retryDelay.toMillis() * attempt);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
        if (deadLetterQueueUrl != null) {
            // what Lambda puts on an asynchronous invocation's dead letter: the reason it failed
            String message = error.length() > 1024 ? error.substring(0, 1024) : error;
            Map<String, MessageAttributeValue> attributes = Map.of(
                    "RequestID", text(requestId), "ErrorCode", text("200"), "ErrorMessage", text(message));
            try {
                Failsafe.with(DEAD_LETTER_SEND).run(() -> sqs.sendMessage(r -> r.queueUrl(deadLetterQueueUrl)
                        .messageBody(new String(event, StandardCharsets.UTF_8)).messageAttributes(attributes)));
            } catch (RuntimeException e) {
                log.error("{}: s3://{}/{} could not be dead-lettered: {}", function, bucket, key, e.toString());
                return;
            }
            log.warn("{}: s3://{}/{} sent to the dead-letter queue after {} attempts", function, bucket, key, ATTEMPTS);
        } else {
            log.error("{}: s3://{}/{} dropped after {} attempts (no DeadLetterQueue in the template)", function, bucket, key, ATTEMPTS);
        }
    }

    /** Lambda's service delivers a dead letter however long the queue is away; this waits for it for a minute. */
    private static final RetryPolicy<Object> DEAD_LETTER_SEND = RetryPolicy.builder()
            .handle(RuntimeException.class)
            .withDelay(Duration.ofSeconds(2))
            .withMaxDuration(Duration.ofSeconds(60))
            .withMaxRetries(-1)
            .build();

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /**
     * S3 notifies only for objects that exist. S3Proxy's filesystem store writes an object under a temporary name
     * and renames it, and a listing can catch the temporary name: a HEAD weeds it out.
     */
    private boolean exists(String key) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            return e.statusCode() != 404;
        }
    }

    private List<S3Object> list() {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream().toList();
    }

    /** An object counts as new again when it is overwritten (another ETag). */
    private static String key(S3Object object) {
        return object.key() + "#" + object.eTag();
    }

    /** The S3Event JSON S3 sends to Lambda (keys are URL-encoded, as in AWS). */
    private Map<String, Object> event(S3Object object) {
        Map<String, Object> bucketInfo = Map.of("name", bucket, "ownerIdentity", Map.of("principalId", "local"),
                "arn", "arn:aws:s3:::" + bucket);
        Map<String, Object> objectInfo = new LinkedHashMap<>();
        objectInfo.put("key", URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("%2F", "/"));
        objectInfo.put("size", object.size());
        objectInfo.put("eTag", object.eTag() == null ? "" : object.eTag().replace("\"", ""));
        objectInfo.put("sequencer", Long.toHexString(System.nanoTime()));
        Map<String, Object> s3Info = Map.of("s3SchemaVersion", "1.0", "configurationId", function,
                "bucket", bucketInfo, "object", objectInfo);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", (object.lastModified() == null ? Instant.now() : object.lastModified()).toString());
        record.put("eventName", "ObjectCreated:Put");
        record.put("userIdentity", Map.of("principalId", "local"));
        record.put("requestParameters", Map.of("sourceIPAddress", "127.0.0.1"));
        record.put("responseElements", Map.of());
        record.put("s3", s3Info);
        return Map.of("Records", List.of(record));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.interrupt();
        poller.join(3000);
        invocations.shutdownNow();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
