package io.rollcall.health;

import java.util.List;

import io.lettuce.core.api.StatefulRedisConnection;
import io.rollcall.platform.Queues;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The real checks: a query, a PING, a HEAD of the media bucket, the attributes of every queue. */
@Configuration(proxyBeanMethods = false)
class DependencyChecks {

    @Bean
    HealthCheck postgresCheck(JdbcTemplate jdbc) {
        return HealthCheck.of("postgres", () -> jdbc.queryForObject("SHOW server_version", String.class));
    }

    @Bean
    HealthCheck redisCheck(StatefulRedisConnection<String, String> redis) {
        return HealthCheck.of("redis", () -> redis.sync().ping());
    }

    @Bean
    HealthCheck s3Check(S3Client s3, @Value("${rollcall.media-bucket}") String bucket) {
        return HealthCheck.of("s3", () -> {
            s3.headBucket(b -> b.bucket(bucket));
            return "bucket " + bucket;
        });
    }

    @Bean
    HealthCheck sqsCheck(SqsClient sqs, Queues queues) {
        return HealthCheck.of("sqs", () -> {
            StringBuilder depths = new StringBuilder();
            for (Queues.Name queue : Queues.Name.values()) {
                String depth = sqs.getQueueAttributes(r -> r.queueUrl(queues.url(queue))
                                .attributeNames(List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)))
                        .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
                depths.append(depths.isEmpty() ? "" : ", ").append(queue.name().toLowerCase()).append(' ').append(depth);
            }
            return "queued: " + depths;
        });
    }

}
