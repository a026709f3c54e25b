package io.rollcall.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.rollcall.platform.EmbeddedEmulators;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The real dependencies every integration test uses, set up once per test JVM: a fresh, migrated Postgres
 * database, a Redis database, and the embedded S3 and SQS emulators with the system's queues and bucket.
 * Their coordinates are published as system properties under the environment variable names the
 * application reads (DATABASE_URL, REDIS_URL, AWS_ENDPOINT_URL, ...), so a Spring context started after
 * {@link #install()} talks to them.
 *
 * <p>The database name is derived from the checkout's path, and the Redis database is claimed for this JVM
 * alone ({@link RedisTestDatabase}), so two checkouts (git worktrees) can run their suites on one machine at the
 * same time. Override with ROLLCALL_TEST_DB and ROLLCALL_TEST_REDIS_DB. The SMTP server and SMS provider the
 * notification tests talk to run here too, on ports the system chose, because the application reads their
 * ports when its context starts.
 */
public final class TestEnvironment {

    public static final String BUCKET = "rollcall-test-media";
    /** Receives before a message moves to its dead-letter queue; the template says 5 in AWS. */
    public static final int MAX_RECEIVE_COUNT = 3;

    private static TestEnvironment instance;

    private final Path root;
    private final String databaseName;
    private final String databaseUrl;
    private final String redisUrl;
    private final EmbeddedEmulators emulators;
    private final Map<String, String> queueUrls = new LinkedHashMap<>();
    private final GreenMail smtp;
    private final SmsProvider sms;

    private TestEnvironment() throws Exception {
        root = projectRoot();
        String suffix = Integer.toHexString(root.toAbsolutePath().normalize().toString().hashCode() & 0xfffff);
        databaseName = env("ROLLCALL_TEST_DB", "rollcall_test_" + suffix);
        databaseUrl = "jdbc:postgresql://" + env("ROLLCALL_TEST_PG_HOST", "127.0.0.1") + ":5432/" + databaseName;
        recreateDatabase();
        Flyway.configure().dataSource(dataSource()).locations("classpath:db/migration").load().migrate();

        String redisDb = env("ROLLCALL_TEST_REDIS_DB", null);
        String owner = root + " pid " + ProcessHandle.current().pid();
        redisUrl = "redis://127.0.0.1:6379/" + (redisDb != null
                ? RedisTestDatabase.claimNamed("127.0.0.1", owner, Integer.parseInt(redisDb))
                : RedisTestDatabase.claim("127.0.0.1", owner));

        // not closed: they live as long as the test JVM, whose exit frees their ports
        emulators = EmbeddedEmulators.start(root, 0, 0, Files.createTempDirectory("rollcall-s3"));
        queueUrls.putAll(createQueues("test-"));
        try (S3Client s3 = s3()) {
            s3.createBucket(r -> r.bucket(BUCKET));
        }
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        sms = new SmsProvider();
        publish();
    }

    /** Sets everything up on first call; later calls are free. */
    public static synchronized TestEnvironment install() {
        if (instance == null) {
            try {
                instance = new TestEnvironment();
            } catch (Exception e) {
                throw new IllegalStateException("test environment could not start: " + e.getMessage(), e);
            }
        }
        return instance;
    }

    public Path root() {
        return root;
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(databaseUrl);
        ds.setUser("postgres");
        return ds;
    }

    public String redisUrl() {
        return redisUrl;
    }

    /** The SMTP server SMTP_HOST/SMTP_PORT name, running for the whole test JVM. */
    public GreenMail smtp() {
        return smtp;
    }

    /** The SMS provider SMS_API_URL names (path /sms), running for the whole test JVM. */
    public SmsProvider sms() {
        return sms;
    }

    public EmbeddedEmulators emulators() {
        return emulators;
    }

    /** The URL of a queue by its short name: attendance, audit, events, or one of those plus "-dlq". */
    public String queueUrl(String name) {
        String url = queueUrls.get(name);
        if (url == null) {
            throw new IllegalArgumentException("no test queue " + name);
        }
        return url;
    }

    public SqsClient sqs() {
        return SqsClient.builder().endpointOverride(java.net.URI.create(emulators.sqsEndpoint()))
                .region(Region.US_EAST_1).credentialsProvider(credentials()).build();
    }

    public S3Client s3() {
        return S3Client.builder().endpointOverride(java.net.URI.create(emulators.s3Endpoint()))
                .forcePathStyle(true).region(Region.US_EAST_1).credentialsProvider(credentials()).build();
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedEmulators.ACCESS_KEY, EmbeddedEmulators.SECRET_KEY));
    }

    private void recreateDatabase() throws SQLException {
        String admin = "jdbc:postgresql://" + env("ROLLCALL_TEST_PG_HOST", "127.0.0.1") + ":5432/postgres";
        try (Connection c = DriverManager.getConnection(admin, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + databaseName);
        }
    }

    /**
     * The system's queues attendance, audit and events, each with its "-dlq" (maxReceiveCount
     * {@link #MAX_RECEIVE_COUNT}, visibility 1 s), named with {@code prefix}: a test that empties or drains
     * queues uses queues of its own, never the ones other tests share. Keyed by short name, as {@link #queueUrl}.
     */
    public Map<String, String> createQueues(String prefix) {
        Map<String, String> urls = new LinkedHashMap<>();
        try (SqsClient sqs = sqs()) {
            for (String name : new String[] {"attendance", "audit", "events"}) {
                String dlqUrl = sqs.createQueue(r -> r.queueName(prefix + name + "-dlq")).queueUrl();
                String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes().get(QueueAttributeName.QUEUE_ARN);
                String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}";
                String url = sqs.createQueue(r -> r.queueName(prefix + name)
                        .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive,
                                QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
                urls.put(name, url);
                urls.put(name + "-dlq", dlqUrl);
            }
        }
        return urls;
    }

    private void publish() {
        System.setProperty("DATABASE_URL", databaseUrl);
        System.setProperty("DATABASE_USER", "postgres");
        System.setProperty("REDIS_URL", redisUrl);
        System.setProperty("AWS_ENDPOINT_URL_S3", emulators.s3Endpoint());
        System.setProperty("AWS_ENDPOINT_URL_SQS", emulators.sqsEndpoint());
        System.setProperty("AWS_REGION", "us-east-1");
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", EmbeddedEmulators.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", EmbeddedEmulators.SECRET_KEY);
        System.setProperty("MEDIA_BUCKET", BUCKET);
        System.setProperty("ATTENDANCE_QUEUE_URL", queueUrl("attendance"));
        System.setProperty("AUDIT_QUEUE_URL", queueUrl("audit"));
        System.setProperty("EVENTS_QUEUE_URL", queueUrl("events"));
        System.setProperty("ATTENDANCE_DLQ_URL", queueUrl("attendance-dlq"));
        System.setProperty("AUDIT_DLQ_URL", queueUrl("audit-dlq"));
        System.setProperty("EVENTS_DLQ_URL", queueUrl("events-dlq"));
        System.setProperty("SMTP_HOST", "127.0.0.1");
        System.setProperty("SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()));
        System.setProperty("SMS_API_URL", "http://127.0.0.1:" + sms.port() + "/sms");
        System.setProperty("SMS_API_TOKEN", "test-sms-token");
    }

    private static Path projectRoot() {
        String root = System.getProperty("rollcall.root");
        Path path = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        while (path != null && !Files.exists(path.resolve("template.yaml"))) {
            path = path.getParent();
        }
        if (path == null) {
            throw new IllegalStateException("cannot find the project root (template.yaml) from " + root);
        }
        return path;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
