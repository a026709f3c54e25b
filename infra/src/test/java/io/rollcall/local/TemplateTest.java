package io.rollcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.rollcall.functions.http.ApiFunction;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** template.yaml is what deploys and what the local runtime runs: it must name real beans, queues, buckets and routes. */
class TemplateTest {

    static SamTemplate template;
    static LambdaHost lambda;

    @BeforeAll
    static void load() throws IOException {
        TestEnvironment env = TestEnvironment.install();
        template = SamTemplate.read(env.root().resolve("template.yaml"));
        lambda = new LambdaHost();
    }

    @AfterAll
    static void close() {
        lambda.close();
    }

    @Test
    void theSevenFunctionsOfTheDesignAreDeclared() {
        assertThat(template.functions()).extracting(SamTemplate.FunctionSpec::definition)
                .contains("enrollFace", "recognizeFrame", "markAttendance", "flushDailyAttendance", "recordAudit",
                        "dispatchNotification", "reportHealth");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFunctionS3InvokesPerFrameHasABoundedConcurrency() throws IOException {
        var yaml = new org.yaml.snakeyaml.Yaml(new SamTemplate.IntrinsicsConstructor());
        Map<String, Object> raw = yaml.load(java.nio.file.Files.readString(TestEnvironment.install().root().resolve("template.yaml")));
        Map<String, Object> resources = (Map<String, Object>) raw.get("Resources");
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) resources.get("RecognizeFrameFunction")).get("Properties");
        assertThat(properties.get("ReservedConcurrentExecutions")).as("instances x a pool of 4 connections stay bounded")
                .isInstanceOf(Integer.class).satisfies(n -> assertThat((Integer) n).isBetween(1, 50));
    }

    @Test
    void markAttendanceTakesAShiftChangeInLargeBatchesFourAtATime() {
        SamTemplate.SqsSource sightings = template.functions().stream().filter(f -> f.definition().equals("markAttendance"))
                .findFirst().orElseThrow().sqsSources().get(0);
        assertThat(sightings.batchSize()).isEqualTo(500);
        assertThat(sightings.maximumConcurrency()).as("Lambda accepts 2 to 1000").isEqualTo(4);
        assertThat(sightings.reportBatchItemFailures()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySqsBatchAboveTenHasTheBatchingWindowLambdaRequires() throws IOException {
        Map<String, Object> yaml = SamTemplate.yaml(TestEnvironment.install().root().resolve("template.yaml"));
        ((Map<String, Object>) yaml.get("Resources")).forEach((id, resource) -> {
            Map<String, Object> events = SamTemplate.map(SamTemplate.map(SamTemplate.map(resource).get("Properties")).get("Events"));
            events.forEach((name, event) -> {
                Map<String, Object> p = SamTemplate.map(SamTemplate.map(event).get("Properties"));
                if ("SQS".equals(SamTemplate.map(event).get("Type")) && ((Number) p.getOrDefault("BatchSize", 10)).intValue() > 10) {
                    assertThat(((Number) p.getOrDefault("MaximumBatchingWindowInSeconds", 0)).intValue())
                            .as(id + "." + name).isGreaterThanOrEqualTo(1);
                }
            });
        });
    }

    @Test
    void everyFunctionHoldingAnIndexChoosesItsKindByTheOrganizationsSize() {
        // one function's snapshot is another's index: they must agree on the kind, and AUTO is the measured one
        assertThat(template.functions()).filteredOn(f -> f.environment().containsKey("FACE_INDEX_TYPE"))
                .hasSizeGreaterThanOrEqualTo(5)
                .extracting(f -> f.environment().get("FACE_INDEX_TYPE")).containsOnly("AUTO");
    }

    @Test
    void everyFunctionDefinitionNamesAFunctionBean() {
        for (SamTemplate.FunctionSpec function : template.functions()) {
            assertThat(lambda.has(function.definition())).as(function.logicalId() + " -> " + function.definition()).isTrue();
            assertThat(lambda.context().getBean(function.definition())).isInstanceOf(Function.class);
        }
    }

    @Test
    void everyEventNamesARealQueueBucketOrApi() {
        Set<String> queues = template.queues().stream().map(SamTemplate.QueueSpec::logicalId).collect(Collectors.toSet());
        Set<String> buckets = template.buckets().stream().map(SamTemplate.BucketSpec::logicalId).collect(Collectors.toSet());
        for (SamTemplate.FunctionSpec function : template.functions()) {
            function.sqsSources().forEach(s -> assertThat(queues).as(function.logicalId()).contains(s.queueLogicalId()));
            function.sqsSources().forEach(s -> assertThat(s.reportBatchItemFailures()).as(function.logicalId() + " partial failures").isTrue());
            function.s3Sources().forEach(s -> assertThat(buckets).as(function.logicalId()).contains(s.bucketLogicalId()));
            if (function.deadLetterQueueLogicalId() != null) {
                assertThat(queues).contains(function.deadLetterQueueLogicalId());
            }
        }
        template.queues().stream().filter(q -> q.deadLetterQueueLogicalId() != null)
                .forEach(q -> assertThat(queues).as(q.logicalId() + " redrive").contains(q.deadLetterQueueLogicalId()));
    }

    @Test
    void everyConsumerQueueHasADeadLetterQueue() {
        template.functions().stream().flatMap(f -> f.sqsSources().stream()).forEach(source -> {
            SamTemplate.QueueSpec queue = template.queues().stream()
                    .filter(q -> q.logicalId().equals(source.queueLogicalId())).findFirst().orElseThrow();
            assertThat(queue.deadLetterQueueLogicalId()).as(queue.logicalId()).isNotNull();
            assertThat(queue.maxReceiveCount()).isPositive();
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyHttpApiEventBelongsToTheApi() throws IOException {
        Map<String, Object> yaml = new Yaml(new SamTemplate.IntrinsicsConstructor())
                .load(Files.readString(TestEnvironment.install().root().resolve("template.yaml")));
        Map<String, Object> resources = (Map<String, Object>) yaml.get("Resources");
        resources.forEach((id, value) -> {
            Map<String, Object> props = SamTemplate.map(SamTemplate.map(value).get("Properties"));
            SamTemplate.map(props.get("Events")).forEach((name, event) -> {
                Map<String, Object> e = SamTemplate.map(event);
                if ("HttpApi".equals(e.get("Type"))) {
                    String api = SamTemplate.refTarget(SamTemplate.map(e.get("Properties")).get("ApiId"));
                    assertThat(SamTemplate.map(resources.get(api)).get("Type")).as(id + "." + name).isEqualTo("AWS::Serverless::HttpApi");
                }
            });
        });
    }

    @Test
    void theTemplateRoutesAreExactlyTheRoutesTheApiFunctionsServe() {
        for (SamTemplate.FunctionSpec function : template.functions()) {
            Object bean = lambda.context().getBean(function.definition());
            Set<String> declared = function.routes().stream().map(SamTemplate.HttpRoute::routeKey).collect(Collectors.toCollection(TreeSet::new));
            if (bean instanceof ApiFunction api) {
                assertThat(declared).as(function.logicalId() + " routes in template.yaml vs the bean")
                        .isEqualTo(new TreeSet<>(api.api().routeKeys()));
            } else {
                assertThat(declared).as(function.logicalId() + " is not an HTTP function").isEmpty();
            }
        }
    }

    @Test
    void theConsoleHeadersForbidInlineScriptsFramingAndOtherOrigins() {
        Resolver aws = new Resolver(Map.of("AWS::StackName", "rollcall", "AWS::AccountId", "123456789012",
                "AWS::Region", "eu-west-1", "AWS::URLSuffix", "amazonaws.com"));
        Map<String, String> headers = template.responseHeaders(aws);
        String csp = headers.get("content-security-policy");

        // the one other host the console may connect to is the media bucket (an import's presigned PUTs), by both the
        // names the SDK signs: the global one in us-east-1, the regional one elsewhere
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'",
                "connect-src 'self' https://rollcall-media-123456789012.s3.amazonaws.com https://rollcall-media-123456789012.s3.eu-west-1.amazonaws.com;")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(headers).containsEntry("x-frame-options", "DENY");
        // locally the same policy names the S3 emulator instead
        assertThat(template.responseHeaders(aws.overriding(Map.of(LocalRuntime.MEDIA_BUCKET_ORIGINS, "http://127.0.0.1:9190")))
                .get("content-security-policy")).contains("connect-src 'self' http://127.0.0.1:9190;");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMediaBucketTakesCrossOriginPutsFromTheConsoleOnly() throws IOException {
        Map<String, Object> yaml = new Yaml(new SamTemplate.IntrinsicsConstructor())
                .load(Files.readString(TestEnvironment.install().root().resolve("template.yaml")));
        Map<String, Object> bucket = SamTemplate.map(SamTemplate.map(SamTemplate.map(yaml.get("Resources")).get("MediaBucket")).get("Properties"));
        java.util.List<Object> rules = (java.util.List<Object>) SamTemplate.map(bucket.get("CorsConfiguration")).get("CorsRules");

        assertThat(rules).hasSize(1);
        Map<String, Object> rule = SamTemplate.map(rules.get(0));
        assertThat(rule.get("AllowedMethods")).isEqualTo(java.util.List.of("PUT"));
        assertThat(rule.get("AllowedHeaders")).isEqualTo(java.util.List.of("content-type"));
        assertThat(rule.get("AllowedOrigins")).isEqualTo(java.util.List.of(Map.of("Fn::Sub", "https://${ConsoleDistribution.DomainName}")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void cloudFrontServesTheConsoleFromItsBucketAndEverythingElseFromTheApiOnOneDomain() throws IOException {
        Map<String, Object> yaml = new Yaml(new SamTemplate.IntrinsicsConstructor())
                .load(Files.readString(TestEnvironment.install().root().resolve("template.yaml")));
        Map<String, Object> config = SamTemplate.map(SamTemplate.map(SamTemplate.map(SamTemplate.map(yaml.get("Resources"))
                .get("ConsoleDistribution")).get("Properties")).get("DistributionConfig"));
        Map<String, Object> console = SamTemplate.map(((java.util.List<Object>) config.get("CacheBehaviors")).get(0));

        assertThat(console).containsEntry("PathPattern", "/console/*").containsEntry("TargetOriginId", "console");
        assertThat(SamTemplate.map(config.get("DefaultCacheBehavior"))).containsEntry("TargetOriginId", "api");
        assertThat(String.valueOf(config.get("Origins"))).contains("execute-api", "ConsoleOriginAccessControl");
    }

    @Test
    void cfnLintPassesWhereInstalled() throws Exception {
        Path root = TestEnvironment.install().root();
        Process process;
        try {
            process = new ProcessBuilder("cfn-lint", root.resolve("template.yaml").toString()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "cfn-lint is not installed on this machine (it comes from PyPI, which is not reachable here)");
            return;
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
    }
}
