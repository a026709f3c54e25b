package io.rollcall.platform;

import java.net.URI;
import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The adapters to Redis, S3 and SQS (Postgres comes from Spring Boot's DataSource). Configured by environment
 * variables with local defaults (rollcall-defaults.properties). With AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_S3 and
 * AWS_ENDPOINT_URL_SQS) set, the same code talks to LocalStack, moto or the embedded emulators instead of AWS.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:rollcall-defaults.properties")
public class PlatformConfiguration {

    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(@Value("${rollcall.redis.url}") String url) {
        RedisClient client = RedisClient.create(url);
        // fail fast instead of Lettuce's 60 s default: a function must answer, even when Redis is gone
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .build());
        return client;
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> redisConnection(RedisClient client) {
        return client.connect();
    }

    @Bean
    AwsEndpoint awsEndpoint(@Value("${rollcall.aws.s3-endpoint}") String s3,
                            @Value("${rollcall.aws.sqs-endpoint}") String sqs,
                            @Value("${rollcall.aws.region}") String region) {
        return new AwsEndpoint(s3.isBlank() ? null : URI.create(s3), sqs.isBlank() ? null : URI.create(sqs), Region.of(region));
    }

    @Bean(destroyMethod = "close")
    S3Client s3Client(AwsEndpoint endpoint) {
        var builder = S3Client.builder().region(endpoint.region()).httpClient(UrlConnectionHttpClient.create());
        if (endpoint.s3() != null) {
            // emulators serve buckets by path, not by virtual host
            builder.endpointOverride(endpoint.s3()).forcePathStyle(true);
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(AwsEndpoint endpoint) {
        var builder = S3Presigner.builder().region(endpoint.region());
        if (endpoint.s3() != null) {
            builder.endpointOverride(endpoint.s3())
                    .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                            .pathStyleAccessEnabled(true).build());
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    SqsClient sqsClient(AwsEndpoint endpoint) {
        var builder = SqsClient.builder().region(endpoint.region()).httpClient(UrlConnectionHttpClient.create());
        if (endpoint.sqs() != null) {
            builder.endpointOverride(endpoint.sqs());
        }
        return builder.build();
    }

    /** Where AWS is: the real one (a null endpoint) or an emulator, per service. */
    public record AwsEndpoint(URI s3, URI sqs, Region region) {
    }
}
