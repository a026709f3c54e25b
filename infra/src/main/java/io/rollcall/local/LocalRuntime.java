package io.rollcall.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rollcall.platform.EmbeddedEmulators;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Runs the whole system on one machine the way AWS would run template.yaml: migrates the database, starts
 * ElasticMQ and S3Proxy (unless AWS_ENDPOINT_URL points at another emulator), creates the template's queues,
 * dead-letter queues and buckets, loads every function, and then plays API Gateway (HttpApi routes on
 * 127.0.0.1:3000), the SQS event source mappings, S3 event notifications and EventBridge schedules.
 */
public final class LocalRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalRuntime.class);
    static final String ACCOUNT_ID = "000000000000";
    /** The !Sub variable of the console's CSP that names the media bucket's origins (template.yaml, ConsoleHeaders). */
    static final String MEDIA_BUCKET_ORIGINS = "MediaBucketOrigins";

    private final List<AutoCloseable> running = new ArrayList<>();
    private final LocalSettings settings;
    private LocalApiGateway gateway;
    private LambdaHost lambda;
    private LocalStack stack;
    private EmbeddedEmulators emulators;

    private LocalRuntime(LocalSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        LocalRuntime runtime = start(LocalSettings.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
        Thread.currentThread().join();
    }

    public static LocalRuntime start(LocalSettings settings) throws Exception {
        LocalRuntime runtime = new LocalRuntime(settings);
        try {
            runtime.boot();
            return runtime;
        } catch (Exception e) {
            runtime.close();
            throw e;
        }
    }

    private void boot() throws Exception {
        SamTemplate template = SamTemplate.read(settings.root().resolve("template.yaml"));

        Flyway.configure().dataSource(settings.databaseUrl(), settings.databaseUser(), settings.databasePassword())
                .locations("classpath:db/migration").outOfOrder(true).load().migrate();

        URI s3Endpoint = settings.s3Endpoint();
        URI sqsEndpoint = settings.sqsEndpoint();
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        if (s3Endpoint == null) {
            // the console's own origin may PUT to presigned links (an import's files), as template.yaml's MediaBucket allows
            emulators = EmbeddedEmulators.start(settings.root(), settings.sqsPort(), settings.s3Port(), settings.s3Directory(),
                    List.of(settings.consoleOrigin()));
            running.add(emulators);
            s3Endpoint = URI.create(emulators.s3Endpoint());
            sqsEndpoint = URI.create(emulators.sqsEndpoint());
            credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedEmulators.ACCESS_KEY, EmbeddedEmulators.SECRET_KEY));
            System.setProperty("aws.accessKeyId", EmbeddedEmulators.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", EmbeddedEmulators.SECRET_KEY);
            log.info("embedded emulators: SQS {} S3 {}", sqsEndpoint, s3Endpoint);
        }
        Region region = Region.of(settings.region());
        SqsClient sqs = SqsClient.builder().endpointOverride(sqsEndpoint).region(region).credentialsProvider(credentials).build();
        S3Client s3 = S3Client.builder().endpointOverride(s3Endpoint).forcePathStyle(true).region(region).credentialsProvider(credentials).build();
        running.add(sqs);
        running.add(s3);

        stack = LocalStack.provision(template, settings, sqs, s3);

        // what Lambda would put in the functions' environments: one context serves all, so the per-function
        // variables are merged (SPRING_CLOUD_FUNCTION_DEFINITION is applied per invocation instead)
        Map<String, String> environment = new LinkedHashMap<>();
        template.globalsEnvironment().forEach((name, value) -> environment.put(name, stack.resolver().resolve(value)));
        for (SamTemplate.FunctionSpec function : template.functions()) {
            function.environment().forEach((name, value) -> {
                if (!name.equals("SPRING_CLOUD_FUNCTION_DEFINITION")) {
                    String resolved = stack.resolver().resolve(value);
                    String previous = environment.putIfAbsent(name, resolved);
                    if (previous != null && !previous.equals(resolved)) {
                        throw new IllegalStateException(name + " differs between functions (" + previous + " / " + resolved
                                + "): the local runtime runs them in one process");
                    }
                }
            });
        }
        environment.put("AWS_ENDPOINT_URL_S3", s3Endpoint.toString());
        environment.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString());
        environment.put("AWS_REGION", settings.region());
        // the template points at the models inside the Lambda package; locally they are the checkout's
        environment.put("ROLLCALL_MODELS_DIR", settings.root().resolve("models/cache").toString());
        environment.putAll(settings.passThrough());
        environment.forEach(System::setProperty);
        Map<String, String> forCommands = new LinkedHashMap<>(environment);
        if (System.getProperty("aws.accessKeyId") != null) {
            forCommands.put("AWS_ACCESS_KEY_ID", System.getProperty("aws.accessKeyId"));
            forCommands.put("AWS_SECRET_ACCESS_KEY", System.getProperty("aws.secretAccessKey"));
        }
        RuntimeEnvironmentFile.write(settings.root().resolve(RuntimeEnvironmentFile.PATH), forCommands);
        System.setProperty("aws.region", settings.region());

        lambda = new LambdaHost();
        running.add(lambda);
        new Bootstrap(lambda.context(), settings).run();

        List<LocalApiGateway.Route> routes = new ArrayList<>();
        List<Schedules.Job> jobs = new ArrayList<>();
        for (SamTemplate.FunctionSpec function : template.functions()) {
            function.routes().forEach(r -> routes.add(LocalApiGateway.Route.of(r.method(), r.path(), function.definition())));
            for (SamTemplate.SqsSource source : function.sqsSources()) {
                running.add(new SqsEventSource(sqs, stack.queueUrl(source.queueLogicalId()), stack.queueArn(source.queueLogicalId()),
                        settings.region(), source, function.definition(), lambda, settings.retryDelay()));
            }
            for (SamTemplate.S3Source source : function.s3Sources()) {
                String dlq = function.deadLetterQueueLogicalId() == null ? null : stack.queueUrl(function.deadLetterQueueLogicalId());
                running.add(new S3Notifications(s3, sqs, stack.bucketName(source.bucketLogicalId()), source.prefix(),
                        function.definition(), dlq, settings.region(), lambda, settings.retryDelay()));
            }
            function.schedules().forEach(s -> jobs.add(new Schedules.Job(function.definition(), function.logicalId() + "-" + s.name(), s.expression())));
        }
        running.add(new Schedules(jobs, lambda, settings.region(), settings.scheduleEvery()));
        gateway = new LocalApiGateway(settings.host(), settings.port(), routes, lambda,
                new ConsoleFiles(settings.root().resolve("console/dist")), template.responseHeaders(
                        stack.resolver().overriding(Map.of(MEDIA_BUCKET_ORIGINS, origin(s3Endpoint)))));
        running.add(gateway);

        log.info("RollCall is running on http://{}:{} - {} routes, {} queue consumers, {} schedules{}",
                settings.host(), gateway.port(), routes.size(),
                template.functions().stream().mapToInt(f -> f.sqsSources().size()).sum(), jobs.size(),
                settings.scheduleEvery() == null ? "" : " (firing every " + settings.scheduleEvery().toSeconds() + " s)");
    }

    public int port() {
        return gateway.port();
    }

    public LocalStack stack() {
        return stack;
    }

    /** The embedded emulators, or null when AWS_ENDPOINT_URL names other ones. */
    public EmbeddedEmulators emulators() {
        return emulators;
    }

    public LambdaHost lambda() {
        return lambda;
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                log.debug("closing {} failed", running.get(i), e);
            }
        }
        running.clear();
    }

    /** @return the project root: the folder holding template.yaml */
    /** scheme://host:port of an endpoint: locally the presigned links' origin, path-style under the S3 emulator. */
    static String origin(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
    }

    static Path findRoot(Path from) {
        Path path = from.toAbsolutePath();
        while (path != null && !path.resolve("template.yaml").toFile().exists()) {
            path = path.getParent();
        }
        if (path == null) {
            throw new IllegalStateException("run from inside the project: no template.yaml above " + from);
        }
        return path;
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t));
    }
}
