package io.rollcall.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import io.rollcall.faces.pipeline.FaceBox;
import io.rollcall.local.LocalRuntime;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the fault suite talks to the running system: HTTP to the local API gateway as a client would, messages
 * onto the runtime's queues as producers would, and a message straight to a function bean as a second
 * consumer would (the same message on two consumers at once).
 */
final class Traffic {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** An HTTP answer; status -1 when the request got no answer at all (connection refused, timeout). */
    record Answer(int status, JsonNode body, String text) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalRuntime runtime;
    private final SqsClient sqs;

    Traffic(LocalRuntime runtime, SqsClient sqs) {
        this.runtime = runtime;
        this.sqs = sqs;
    }

    String base() {
        return "http://127.0.0.1:" + runtime.port();
    }

    Answer send(String method, String path, String token, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = response.body().isBlank() ? null : JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                // an error page: the status says enough
            }
            return new Answer(response.statusCode(), json, response.body());
        } catch (IOException e) {
            return new Answer(-1, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null, e.toString());
        }
    }

    Answer json(String method, String path, String token, Object body) {
        return send(method, path, token, "application/json", body == null ? null : JSON.writeValueAsBytes(body), Map.of());
    }

    String login(String username, String password) {
        Answer answer = json("POST", "/auth/login", null, Map.of("username", username, "password", password));
        if (!answer.ok()) {
            throw new IllegalStateException("login failed: " + answer.status() + " " + answer.text());
        }
        return answer.body().get("accessToken").asString();
    }

    /** Sends until the queue takes it (an SQS outage makes a producer retry, as every producer here does). */
    void enqueue(String queueUrl, String body) {
        retrying(() -> sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)));
    }

    static <T> T retrying(Supplier<T> call) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 120; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                last = e;
                sleep(500);
            }
        }
        throw last;
    }

    /** The same message handed to a function by two consumers at the same moment (besides the queue's copies). */
    void twoConsumersAtOnce(String function, String queueArn, String body) throws InterruptedException {
        byte[] event = JSON.writeValueAsBytes(Map.of("Records", List.of(sqsRecord(queueArn, body))));
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> consumers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    runtime.lambda().invoke(function, event);
                } catch (Exception e) {
                    // a consumer that fails leaves the message to the queue's copies: the ledger judges the outcome
                }
            }, "second-consumer-" + function);
            t.start();
            consumers.add(t);
        }
        start.countDown();
        for (Thread t : consumers) {
            t.join(120_000);
        }
    }

    /** An S3 ObjectCreated event for {@code key}, as the local S3 notifications (and S3) send it. */
    void frameEventTwiceAtOnce(String bucket, String key) throws InterruptedException {
        Map<String, Object> object = Map.of("key", key, "size", 1, "eTag", "", "sequencer", "1");
        Map<String, Object> s3 = Map.of("s3SchemaVersion", "1.0", "configurationId", "faults",
                "bucket", Map.of("name", bucket, "ownerIdentity", Map.of("principalId", "local"), "arn", "arn:aws:s3:::" + bucket),
                "object", object);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", "us-east-1");
        record.put("eventTime", java.time.Instant.now().toString());
        record.put("eventName", "ObjectCreated:Put");
        record.put("userIdentity", Map.of("principalId", "local"));
        record.put("requestParameters", Map.of("sourceIPAddress", "127.0.0.1"));
        record.put("responseElements", Map.of());
        record.put("s3", s3);
        byte[] event = JSON.writeValueAsBytes(Map.of("Records", List.of(record)));
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> consumers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    runtime.lambda().invoke("recognizeFrame", event);
                } catch (Exception e) {
                    // S3's own notification is the delivery that must succeed; these are the extra copies
                }
            }, "second-consumer-recognizeFrame");
            t.start();
            consumers.add(t);
        }
        start.countDown();
        for (Thread t : consumers) {
            t.join(180_000);
        }
    }

    private static Map<String, Object> sqsRecord(String queueArn, String body) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("messageId", UUID.randomUUID().toString());
        record.put("receiptHandle", "direct-" + UUID.randomUUID());
        record.put("body", body);
        record.put("attributes", Map.of("ApproximateReceiveCount", "1", "SentTimestamp", String.valueOf(System.currentTimeMillis())));
        record.put("messageAttributes", Map.of());
        record.put("md5OfBody", "");
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", queueArn);
        record.put("awsRegion", "us-east-1");
        return record;
    }

    /** A crop around {@code box} with {@code margin} of its size on each side, as JPEG: a one-face enrollment photo. */
    static byte[] crop(byte[] photo, FaceBox box, double margin) {
        try {
            var image = ImageIO.read(new java.io.ByteArrayInputStream(photo));
            int mx = (int) (box.width() * margin);
            int my = (int) (box.height() * margin);
            int x = Math.max(0, box.x() - mx);
            int y = Math.max(0, box.y() - my);
            int w = Math.min(image.getWidth() - x, box.width() + 2 * mx);
            int h = Math.min(image.getHeight() - y, box.height() + 2 * my);
            var out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
            out.getGraphics().drawImage(image.getSubimage(x, y, w, h), 0, 0, null);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(out, "jpg", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
