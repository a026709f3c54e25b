package io.rollcall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The local S3 answers CORS as the media bucket does on AWS (template.yaml): the console's origin may PUT through a
 * presigned link with its Content-Type (a bulk import's files), another origin may not.
 */
class EmulatorCorsTest {

    static final String CONSOLE = "http://127.0.0.1:3000";
    static EmbeddedEmulators emulators;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        emulators = EmbeddedEmulators.start(TestEnvironment.install().root(), 0, 0, Files.createTempDirectory("rollcall-cors"),
                List.of(CONSOLE));
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(emulators.s3Endpoint())).forcePathStyle(true)
                .region(Region.US_EAST_1).credentialsProvider(credentials()).build()) {
            s3.createBucket(r -> r.bucket("media"));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        emulators.close();
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedEmulators.ACCESS_KEY, EmbeddedEmulators.SECRET_KEY));
    }

    static HttpResponse<String> preflight(URI link, String origin, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(link).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "content-type").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConsolesOriginPutsThroughAPresignedLinkAndNoOtherOriginDoes() throws Exception {
        URI link;
        try (S3Presigner presigner = S3Presigner.builder().region(Region.US_EAST_1).credentialsProvider(credentials())
                .endpointOverride(URI.create(emulators.s3Endpoint()))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            link = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket("media").key("imports/o/j/people.csv").contentType("text/csv"))).url().toURI();
        }

        HttpResponse<String> allowed = preflight(link, CONSOLE, "PUT");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(CONSOLE);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("PUT");

        HttpResponse<String> put = http.send(HttpRequest.newBuilder(link).PUT(HttpRequest.BodyPublishers.ofString("username\nann\n"))
                .header("Origin", CONSOLE).header("Content-Type", "text/csv").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.headers().firstValue("Access-Control-Allow-Origin")).hasValue(CONSOLE);

        // another site, or a near miss of the console's origin (S3Proxy reads origins as patterns: they are quoted)
        for (String other : List.of("https://evil.example", "http://127.0.0.1:30000", "http://127x0x0x1:3000")) {
            HttpResponse<String> refused = preflight(link, other, "PUT");
            assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).as(other).isEmpty();
        }
        // only PUT: the browser reads nothing from the bucket across origins
        assertThat(preflight(link, CONSOLE, "DELETE").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
