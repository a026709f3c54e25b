package io.rollcall.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * What the local runtime needs of template.yaml: the functions with their event sources, the queues, the
 * buckets and the security headers CloudFront adds to every response (the console's CSP). Intrinsics (!Ref, !GetAtt, !Sub) are kept as the long-form maps CloudFormation uses
 * ({"Ref": x}, {"Fn::GetAtt": [a, b]}, {"Fn::Sub": s}) and resolved by {@link Resolver}.
 */
public record SamTemplate(Map<String, String> parameterDefaults, Map<String, Object> globalsEnvironment,
                          List<FunctionSpec> functions, List<QueueSpec> queues, List<BucketSpec> buckets,
                          Map<String, Object> responseHeaders) {

    /**
     * The security headers with their intrinsics resolved: the CSP's connect-src names the media bucket's origin
     * (the browser PUTs an import's files there), which {@code resolver} gives as AWS's or the local emulator's.
     */
    public Map<String, String> responseHeaders(Resolver resolver) {
        Map<String, String> resolved = new LinkedHashMap<>();
        responseHeaders.forEach((name, value) -> resolved.put(name, resolver.resolve(value)));
        return resolved;
    }

    /** @param deadLetterQueueLogicalId the SQS queue of the function's DeadLetterQueue (asynchronous invocations), or null */
    public record FunctionSpec(String logicalId, String definition, Map<String, Object> environment,
                               List<HttpRoute> routes, List<SqsSource> sqsSources, List<S3Source> s3Sources,
                               List<ScheduleSource> schedules, String deadLetterQueueLogicalId) {
    }

    /** An HttpApi event: API Gateway's route key is "METHOD path". */
    public record HttpRoute(String method, String path) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    /**
     * An SQS event source mapping. {@code maximumConcurrency}: ScalingConfig.MaximumConcurrency, how many batches
     * Lambda hands to the function at once; without it the local runtime runs one poller (Lambda would scale on).
     */
    public record SqsSource(String queueLogicalId, int batchSize, boolean reportBatchItemFailures, int maximumConcurrency) {
    }

    public record S3Source(String bucketLogicalId, String prefix) {
    }

    public record ScheduleSource(String name, String expression) {
    }

    public record QueueSpec(String logicalId, Object name, int visibilityTimeout, String deadLetterQueueLogicalId,
                            int maxReceiveCount) {
    }

    public record BucketSpec(String logicalId, Object name) {
    }

    public static SamTemplate read(Path file) throws IOException {
        return from(yaml(file));
    }

    /** The template as YAML maps, intrinsic tags read as their long forms (what tests check beyond the specs). */
    static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(new IntrinsicsConstructor()).load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    static SamTemplate from(Map<String, Object> yaml) {
        Map<String, Object> globals = map(map(yaml.get("Globals")).get("Function"));
        Map<String, Object> globalEnv = map(map(globals.get("Environment")).get("Variables"));
        List<FunctionSpec> functions = new ArrayList<>();
        List<QueueSpec> queues = new ArrayList<>();
        List<BucketSpec> buckets = new ArrayList<>();
        Map<String, Object> responseHeaders = new LinkedHashMap<>();
        map(yaml.get("Resources")).forEach((id, value) -> {
            Map<String, Object> resource = map(value);
            Map<String, Object> props = map(resource.get("Properties"));
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::Serverless::Function" -> functions.add(function(id, props));
                case "AWS::SQS::Queue" -> {
                    Map<String, Object> redrive = map(props.get("RedrivePolicy"));
                    queues.add(new QueueSpec(id, props.get("QueueName"),
                            ((Number) props.getOrDefault("VisibilityTimeout", 30)).intValue(),
                            redrive.isEmpty() ? null : getAttTarget(redrive.get("deadLetterTargetArn")),
                            redrive.isEmpty() ? 0 : Integer.parseInt(String.valueOf(redrive.get("maxReceiveCount")))));
                }
                case "AWS::S3::Bucket" -> buckets.add(new BucketSpec(id, props.get("BucketName")));
                case "AWS::CloudFront::ResponseHeadersPolicy" -> responseHeaders.putAll(securityHeaders(props));
                default -> {
                }
            }
        });
        Map<String, String> defaults = new LinkedHashMap<>();
        map(yaml.get("Parameters")).forEach((name, value) -> {
            Object fallback = map(value).get("Default");
            if (fallback != null) {
                defaults.put(name, String.valueOf(fallback));
            }
        });
        return new SamTemplate(defaults, globalEnv, functions, queues, buckets, responseHeaders);
    }

    /** The HTTP headers a CloudFront SecurityHeadersConfig adds, named as the browser sees them. */
    static Map<String, Object> securityHeaders(Map<String, Object> policyProperties) {
        Map<String, Object> security = map(map(map(policyProperties.get("ResponseHeadersPolicyConfig"))
                .get("SecurityHeadersConfig")));
        Map<String, Object> headers = new LinkedHashMap<>();
        Object csp = map(security.get("ContentSecurityPolicy")).get("ContentSecurityPolicy");
        if (csp != null) {
            headers.put("content-security-policy", csp); // a !Sub: resolved with the stack's values
        }
        Object frame = map(security.get("FrameOptions")).get("FrameOption");
        if (frame != null) {
            headers.put("x-frame-options", String.valueOf(frame));
        }
        if (security.containsKey("ContentTypeOptions")) {
            headers.put("x-content-type-options", "nosniff");
        }
        Object referrer = map(security.get("ReferrerPolicy")).get("ReferrerPolicy");
        if (referrer != null) {
            headers.put("referrer-policy", String.valueOf(referrer));
        }
        // Strict-Transport-Security is left out: the local runtime speaks plain HTTP on 127.0.0.1
        return headers;
    }

    private static FunctionSpec function(String id, Map<String, Object> props) {
        Map<String, Object> env = map(map(props.get("Environment")).get("Variables"));
        List<HttpRoute> routes = new ArrayList<>();
        List<SqsSource> sqs = new ArrayList<>();
        List<S3Source> s3 = new ArrayList<>();
        List<ScheduleSource> schedules = new ArrayList<>();
        map(props.get("Events")).forEach((name, value) -> {
            Map<String, Object> event = map(value);
            Map<String, Object> p = map(event.get("Properties"));
            switch (String.valueOf(event.get("Type"))) {
                case "HttpApi" -> routes.add(new HttpRoute(String.valueOf(p.get("Method")).toUpperCase(), String.valueOf(p.get("Path"))));
                case "SQS" -> sqs.add(new SqsSource(getAttTarget(p.get("Queue")),
                        ((Number) p.getOrDefault("BatchSize", 10)).intValue(),
                        String.valueOf(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                        ((Number) map(p.get("ScalingConfig")).getOrDefault("MaximumConcurrency", 1)).intValue()));
                case "S3" -> s3.add(new S3Source(refTarget(p.get("Bucket")), prefix(p)));
                case "Schedule" -> schedules.add(new ScheduleSource(name, String.valueOf(p.get("Schedule"))));
                default -> throw new IllegalArgumentException(id + ": the local runtime does not know event type " + event.get("Type"));
            }
        });
        Map<String, Object> dlq = map(props.get("DeadLetterQueue"));
        String dlqId = "SQS".equals(dlq.get("Type")) ? getAttTarget(dlq.get("TargetArn")) : null;
        return new FunctionSpec(id, String.valueOf(env.get("SPRING_CLOUD_FUNCTION_DEFINITION")), env, routes, sqs, s3,
                schedules, dlqId);
    }

    private static String prefix(Map<String, Object> s3Properties) {
        Object rules = map(map(s3Properties.get("Filter")).get("S3Key")).get("Rules");
        if (rules instanceof List<?> list) {
            for (Object rule : list) {
                Map<String, Object> r = map(rule);
                if ("prefix".equalsIgnoreCase(String.valueOf(r.get("Name")))) {
                    return String.valueOf(r.get("Value"));
                }
            }
        }
        return "";
    }

    /** The logical id of {@code !GetAtt X.Arn}. */
    static String getAttTarget(Object value) {
        if (map(value).get("Fn::GetAtt") instanceof List<?> parts && !parts.isEmpty()) {
            return String.valueOf(parts.get(0));
        }
        throw new IllegalArgumentException("expected !GetAtt Resource.Arn, got " + value);
    }

    /** The logical id of {@code !Ref X}. */
    static String refTarget(Object value) {
        Object ref = map(value).get("Ref");
        return Objects.requireNonNull(ref, () -> "expected !Ref Resource, got " + value).toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Reads the short-form intrinsic tags as their long-form maps. */
    static final class IntrinsicsConstructor extends SafeConstructor {
        IntrinsicsConstructor() {
            super(new LoaderOptions());
            intrinsic("!Ref", "Ref");
            intrinsic("!GetAtt", "Fn::GetAtt");
            intrinsic("!Sub", "Fn::Sub");
            intrinsic("!Join", "Fn::Join");
            intrinsic("!Select", "Fn::Select");
            intrinsic("!If", "Fn::If");
            intrinsic("!Equals", "Fn::Equals");
            intrinsic("!Not", "Fn::Not");
            intrinsic("!ImportValue", "Fn::ImportValue");
            intrinsic("!GetAZs", "Fn::GetAZs");
        }

        private void intrinsic(String tag, String function) {
            yamlConstructors.put(new Tag(tag), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        String text = scalar.getValue();
                        value = function.equals("Fn::GetAtt") ? List.of(text.split("\\.", 2)) : text;
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((org.yaml.snakeyaml.nodes.MappingNode) node);
                    }
                    Map<String, Object> intrinsic = new LinkedHashMap<>();
                    intrinsic.put(function, value);
                    return intrinsic;
                }
            });
        }
    }
}
