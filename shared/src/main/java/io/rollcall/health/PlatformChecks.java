package io.rollcall.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.rollcall.platform.DeadLetters;
import io.rollcall.platform.Queues;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Checks of the platform's own state rather than its dependencies: messages waiting in dead-letter queues
 * (DEGRADED: something failed for good and needs a person), the age of each organization's face-index
 * snapshot (indexes/{orgId}/... in the media bucket), and this process's memory.
 */
@Configuration(proxyBeanMethods = false)
class PlatformChecks {

    /** Heap use above this share of the maximum is DEGRADED. */
    static final double MEMORY_DEGRADED_PERCENT = 90;

    @Bean
    HealthCheck deadLetterCheck(SqsClient sqs, DeadLetters deadLetters) {
        return HealthCheck.of("dead-letters", () -> {
            List<String> waiting = new ArrayList<>();
            StringBuilder detail = new StringBuilder();
            for (Queues.Name queue : Queues.Name.values()) {
                String url = deadLetters.url(queue);
                if (url == null) {
                    continue;
                }
                int depth = Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(url)
                                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
                String name = queue.name().toLowerCase() + "-dlq";
                detail.append(detail.isEmpty() ? "" : ", ").append(name).append(' ').append(depth);
                if (depth > 0) {
                    waiting.add(name);
                }
            }
            if (detail.isEmpty()) {
                return "no dead-letter queue configured";
            }
            if (!waiting.isEmpty()) {
                throw new HealthCheck.Degraded("dead letters waiting: " + detail);
            }
            return "dead letters: " + detail;
        });
    }

    @Bean
    HealthCheck faceIndexCheck(S3Client s3, @Value("${rollcall.media-bucket}") String bucket) {
        return HealthCheck.of("face-index", () -> {
            Map<String, Instant> newest = new TreeMap<>();
            for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("indexes/")).contents()) {
                String[] parts = object.key().split("/");
                if (parts.length >= 3) {
                    newest.merge(parts[1], object.lastModified(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            if (newest.isEmpty()) {
                return "no index snapshots";
            }
            Instant now = Instant.now();
            StringBuilder detail = new StringBuilder("snapshot age: ");
            newest.forEach((org, at) -> detail.append(org).append(' ')
                    .append(Duration.between(at, now).toMinutes()).append(" min; "));
            return detail.substring(0, detail.length() - 2);
        });
    }

    @Bean
    HealthCheck memoryCheck() {
        return HealthCheck.of("memory", () -> {
            Runtime rt = Runtime.getRuntime();
            double used = 100.0 * (rt.totalMemory() - rt.freeMemory()) / rt.maxMemory();
            String detail = String.format("heap %.1f%% of %d MiB, %d cores", used, rt.maxMemory() >> 20, rt.availableProcessors());
            if (used > MEMORY_DEGRADED_PERCENT) {
                throw new HealthCheck.Degraded(detail);
            }
            return detail;
        });
    }

}
