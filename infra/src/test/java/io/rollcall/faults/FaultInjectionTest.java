package io.rollcall.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.faces.recognition.FrameKey;
import io.rollcall.local.LocalRuntime;
import io.rollcall.local.LocalSettings;
import io.rollcall.platform.EmbeddedEmulators;
import io.rollcall.testing.SmsProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;

/**
 * The fault-injection suite (docs/reliability.md): the whole system on the local runtime, with a Postgres cluster,
 * a Redis server, emulators and an SMTP server of its own, fed a steady stream of real camera frames (real photos
 * through the real recognizeFrame path), sightings, API mutations, alerts and audit records while Redis is killed,
 * flushed and loses single keys, Postgres restarts, the SQS and S3 endpoints go down and come back, SMTP goes
 * down and comes back; every message is delivered twice (and some to two consumers at once), and poison messages
 * of every type arrive. It then counts: every sent thing recorded exactly once, nothing lost, every dead letter
 * with its reason.
 *
 * <p>Profiles: SHORT (default, part of {@code infra/bin/test}), FULL ({@code infra/bin/faults --full}, more
 * rounds of faults, then the 10-minute mixed load of {@link MixedLoad}, and docs/reliability.md written).
 */
class FaultInjectionTest {

    private static final Logger log = LoggerFactory.getLogger(FaultInjectionTest.class);
    static final boolean FULL = "full".equalsIgnoreCase(System.getenv("ROLLCALL_FAULTS_PROFILE"));
    static final String PASSWORD = "faults-admin-password";
    static final String ADMIN = "boss";
    static final String DLQ_REASON = "rollcall-failure-reason";

    static OwnServices services;
    static SmsProvider sms;
    static LocalRuntime runtime;
    static JdbcTemplate jdbc;
    static SqsClient sqs;
    static S3Client s3;
    static Traffic traffic;
    static UUID org;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        services = new OwnServices();
        sms = new SmsProvider();
        Path root = Path.of(System.getProperty("rollcall.root", "..")).toAbsolutePath().normalize();
        Map<String, String> vars = new HashMap<>();
        vars.put("ROLLCALL_ROOT", root.toString());
        vars.put("ROLLCALL_PORT", "0");
        // fixed ports: an endpoint that goes down must come back where its clients look for it
        vars.put("ROLLCALL_SQS_PORT", String.valueOf(OwnServices.freePort()));
        vars.put("ROLLCALL_S3_PORT", String.valueOf(OwnServices.freePort()));
        vars.put("ROLLCALL_S3_DIR", Files.createTempDirectory("rollcall-faults-s3").toString());
        vars.put("ROLLCALL_STACK_NAME", "faults");
        // Lambda waits a minute, then two, before retrying a failed asynchronous invocation; 10 s (then 20) keeps a
        // frame's three attempts from all landing in back-to-back fault windows, as a minute would
        vars.put("ROLLCALL_RETRY_DELAY", "10s");
        // every schedule (health, the audit relay, retention, the daily flush) runs during the faults too
        vars.put("ROLLCALL_SCHEDULE_EVERY", "20s");
        vars.put("DATABASE_URL", services.databaseUrl());
        vars.put("REDIS_URL", services.redisUrl());
        vars.put("SMTP_HOST", "127.0.0.1");
        vars.put("SMTP_PORT", String.valueOf(services.smtpPort));
        vars.put("SMTP_STARTTLS", "false"); // GreenMail speaks plain SMTP
        vars.put("SMS_API_URL", "http://127.0.0.1:" + sms.port() + "/sms");
        vars.put("SMS_API_TOKEN", "faults-sms-token");
        vars.put("ROLLCALL_BOOTSTRAP_ORG", "faults");
        vars.put("ROLLCALL_BOOTSTRAP_ADMIN", ADMIN);
        vars.put("ROLLCALL_BOOTSTRAP_PASSWORD", PASSWORD);
        runtime = LocalRuntime.start(LocalSettings.fromEnvironment(vars));

        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(services.databaseUrl());
        ds.setUser("postgres");
        jdbc = new JdbcTemplate(ds);
        EmbeddedEmulators emulators = runtime.emulators();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedEmulators.ACCESS_KEY, EmbeddedEmulators.SECRET_KEY));
        sqs = SqsClient.builder().endpointOverride(java.net.URI.create(emulators.sqsEndpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
        s3 = S3Client.builder().endpointOverride(java.net.URI.create(emulators.s3Endpoint())).forcePathStyle(true)
                .region(Region.US_EAST_1).credentialsProvider(credentials).build();
        traffic = new Traffic(runtime, sqs);
        token = traffic.login(ADMIN, PASSWORD);
        org = jdbc.queryForObject("SELECT organization_id FROM users WHERE username = ?", UUID.class, ADMIN);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (sms != null) {
            sms.close();
        }
        if (services != null) {
            services.close();
        }
    }

    // ---- what was sent --------------------------------------------------------------------------------

    record SentSighting(UUID eventId, UUID userId, Instant capturedAt) {
    }

    record Frame(String key, String photo, Instant capturedAt) {
    }

    record Mutation(String action, String entityId, String name, int status) {
    }

    record Poison(String type, String marker, String description) {
    }

    final List<SentSighting> sightings = new CopyOnWriteArrayList<>();
    final List<UUID> alerts = new CopyOnWriteArrayList<>();
    final List<UUID> auditMessages = new CopyOnWriteArrayList<>();
    final List<Frame> frames = new CopyOnWriteArrayList<>();
    final List<Mutation> mutations = new CopyOnWriteArrayList<>();
    final List<Poison> poison = new CopyOnWriteArrayList<>();
    final List<String> faultLog = new CopyOnWriteArrayList<>();

    /** An HTTP answer the load got, to tell which faults a user would have seen. */
    record Answered(Instant at, String what, int status) {
    }

    record FaultWindow(String what, Instant from, Instant to) {
    }

    final List<Answered> answers = new CopyOnWriteArrayList<>();
    final List<FaultWindow> windows = new CopyOnWriteArrayList<>();
    final AtomicInteger loginsOk = new AtomicInteger();
    final AtomicInteger loginsUnanswered = new AtomicInteger();
    final AtomicInteger loginsFailed = new AtomicInteger();
    final Map<String, Integer> cropsPerPhoto = new ConcurrentHashMap<>();
    final Map<String, Integer> matchesPerPhoto = new ConcurrentHashMap<>();

    UUID facePerson;
    UUID camera;
    String cameraKey;
    final List<UUID> people = new ArrayList<>();

    @Test
    void nothingIsLostOrDuplicatedWhileEverythingFails() throws Exception {
        Instant began = Instant.now();
        prepare();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> load = List.of(
                loop("frames", running, this::postFrame, 600), // a camera at about one frame a second
                loop("sightings", running, this::sendSighting, 150),
                loop("mutations", running, this::mutate, 250),
                loop("alerts", running, this::sendAlert, 800),
                loop("audit", running, this::sendAuditRecord, 300),
                loop("logins", running, this::login, 1500),
                loop("reads", running, this::read, 500));
        sendPoison();
        Duration faultsTook = injectFaults();
        running.set(false);
        for (Thread t : load) {
            t.join(180_000);
        }
        sendPoison(); // and again once everything is up, so no dead letter is an artefact of an outage
        awaitQuiet();

        Ledger ledger = account();
        String report = report(ledger, Duration.between(began, Instant.now()), faultsTook);
        Path out = runtime == null ? null : Path.of(System.getProperty("rollcall.root", "..")).resolve("infra/target/faults-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        log.info("fault suite table:\n{}", report);
        if (FULL) {
            MixedLoad.Result load10 = new MixedLoad(traffic, token, cameraKey, photo("sample1.jpg"), people, org).run(
                    Duration.ofMinutes(Integer.parseInt(System.getenv().getOrDefault("ROLLCALL_FAULTS_LOAD_MINUTES", "10"))));
            Reliability.write(Path.of(System.getProperty("rollcall.root", "..")), report, load10);
        }

        assertThat(ledger.problems()).as(report).isEmpty();
        for (Ledger.Row row : ledger.rows()) {
            if (row.what.startsWith("other dead letters") || row.what.startsWith("API mutations not answered")) {
                continue; // none is the good outcome
            }
            assertThat(row.sent).as(row.what + " must have been exercised:\n" + report).isPositive();
        }
    }

    // ---- setting up the organization -------------------------------------------------------------------

    private void prepare() throws Exception {
        Traffic.Answer config = traffic.json("PATCH", "/config", token, Map.of("notifications.routes", Map.of("*", Map.of(
                "channels", List.of("EMAIL", "SMS", "DASHBOARD"), "emails", List.of("ops@example.com"),
                "phones", List.of("+14155550100")))));
        assertThat(config.status()).as(config.text()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            people.add(createUser("person-" + i));
        }
        facePerson = createUser("face-person");
        Traffic.Answer cam = traffic.json("POST", "/cameras", token, Map.of("name", "front door", "direction", "BOTH"));
        assertThat(cam.status()).as(cam.text()).isEqualTo(201);
        camera = UUID.fromString(cam.body().get("camera").get("id").asString());
        cameraKey = cam.body().get("apiKey").asString();

        // the face person's photos: three crops of the largest face of a real photo
        byte[] photo = photo("sample1.jpg");
        FacePipeline pipeline = runtime.lambda().context().getBean(FacePipeline.class);
        DetectedFace largest = pipeline.analyze(photo).stream()
                .max((a, b) -> Integer.compare(a.box().width() * a.box().height(), b.box().width() * b.box().height())).orElseThrow();
        for (double margin : new double[] {0.5, 0.6, 0.4}) {
            Traffic.Answer enrolled = traffic.send("POST", "/users/" + facePerson + "/faces", token, "image/jpeg",
                    Traffic.crop(photo, largest.box(), margin), Map.of());
            assertThat(enrolled.status()).as(enrolled.text()).isEqualTo(201);
        }
        // what each photo makes when nothing fails: the yardstick for the frames sent under faults
        for (String name : List.of("sample1.jpg", "sample2.jpg")) {
            Frame frame = upload(name);
            assertThat(frame).as("calibration frame " + name).isNotNull();
            Instant until = Instant.now().plusSeconds(180);
            int crops = -1;
            int stableFor = 0;
            while (Instant.now().isBefore(until) && stableFor < 4) {
                Traffic.sleep(1000);
                int now = crops(frame);
                stableFor = now == crops && now > 0 ? stableFor + 1 : 0;
                crops = now;
            }
            cropsPerPhoto.put(name, crops);
            matchesPerPhoto.put(name, logsOfFrame(frame));
            log.info("calibration: {} makes {} face crops and {} sightings", name, crops, matchesPerPhoto.get(name));
        }
        assertThat(matchesPerPhoto.get("sample1.jpg")).as("the enrolled person is recognized in their photo").isEqualTo(1);
        frames.clear();
    }

    private UUID createUser(String username) {
        Traffic.Answer user = traffic.json("POST", "/users", token, Map.of("username", username, "password", "password-" + username,
                "role", "USER", "fullName", username, "department", "Faults"));
        assertThat(user.status()).as(user.text()).isEqualTo(201);
        return UUID.fromString(user.body().get("id").asString());
    }

    static byte[] photo(String name) throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("rollcall.root", "..")).resolve("models/cache/photos").resolve(name));
    }

    // ---- the load ---------------------------------------------------------------------------------------

    interface Step {
        void run(int n) throws Exception;
    }

    private Thread loop(String name, AtomicBoolean running, Step step, long pauseMillis) {
        Thread t = new Thread(() -> {
            int n = 0;
            while (running.get()) {
                try {
                    step.run(n++);
                } catch (Exception e) {
                    log.warn("{} step failed: {}", name, e.toString());
                }
                Traffic.sleep(pauseMillis);
            }
        }, "load-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private final Random random = new Random(12);

    private void postFrame(int n) throws Exception {
        String name = n % 3 == 2 ? "sample2.jpg" : "sample1.jpg";
        Frame frame = upload(name);
        if (frame != null && n % 4 == 1) {
            // S3 notifies once; a second and a third delivery of the same object at the same moment
            traffic.frameEventTwiceAtOnce(runtime.stack().bucketName("MediaBucket"), frame.key());
        }
    }

    private Frame upload(String name) throws Exception {
        Traffic.Answer answer = traffic.send("POST", "/camera/frames", null, "image/jpeg", photo(name), Map.of("x-camera-key", cameraKey));
        answers.add(new Answered(Instant.now(), "POST /camera/frames", answer.status()));
        if (!answer.ok()) {
            return null; // not taken: the camera keeps it and tries again later (not counted as sent)
        }
        String key = answer.body().get("objectKey").asString();
        Frame frame = new Frame(key, name, FrameKey.parse(key).capturedAt().orElseThrow());
        frames.add(frame);
        return frame;
    }

    private void sendSighting(int n) throws Exception {
        UUID user;
        synchronized (random) {
            user = people.get(random.nextInt(people.size()));
        }
        // one in eight for yesterday: it goes to the day's attendance_records at once (a closed day)
        Instant at = Instant.now().minusSeconds(n % 60).minus(n % 8 == 0 ? Duration.ofDays(1) : Duration.ZERO)
                .truncatedTo(ChronoUnit.MILLIS);
        UUID eventId = UUID.randomUUID();
        String body = Traffic.JSON.writeValueAsString(sighting(eventId, org, user, camera, at));
        String url = runtime.stack().queueUrl("AttendanceQueue");
        traffic.enqueue(url, body);
        sightings.add(new SentSighting(eventId, user, at));
        traffic.enqueue(url, body); // every message twice
        if (n % 5 == 0) {
            traffic.twoConsumersAtOnce("markAttendance", runtime.stack().queueArn("AttendanceQueue"), body);
        }
    }

    static Map<String, Object> sighting(UUID eventId, UUID org, UUID user, UUID camera, Instant at) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("eventId", eventId.toString());
        s.put("organizationId", org.toString());
        s.put("userId", user.toString());
        s.put("cameraId", camera == null ? null : camera.toString());
        s.put("capturedAt", at.toString());
        s.put("similarity", 0.8);
        s.put("source", "CAMERA");
        return s;
    }

    private void sendAlert(int n) throws Exception {
        UUID eventId = UUID.randomUUID();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", eventId.toString());
        e.put("organizationId", org.toString());
        e.put("type", "SERVICE_DEGRADED");
        e.put("severity", "WARNING");
        e.put("referenceId", null);
        e.put("metadata", Map.of("service", "faults", "n", n));
        e.put("occurredAt", Instant.now().toString());
        String body = Traffic.JSON.writeValueAsString(e);
        String url = runtime.stack().queueUrl("EventsQueue");
        traffic.enqueue(url, body);
        alerts.add(eventId);
        traffic.enqueue(url, body);
        if (n % 4 == 0) {
            traffic.twoConsumersAtOnce("dispatchNotification", runtime.stack().queueArn("EventsQueue"), body);
        }
    }

    private void sendAuditRecord(int n) throws Exception {
        UUID id = UUID.randomUUID();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("organizationId", org.toString());
        r.put("userId", null);
        r.put("action", "FAULT_PROBE");
        r.put("entityType", "FAULTS");
        r.put("entityId", id.toString());
        r.put("ipAddress", "127.0.0.1");
        r.put("userAgent", "fault suite");
        r.put("occurredAt", Instant.now().toString());
        r.put("id", id.toString());
        String body = Traffic.JSON.writeValueAsString(r);
        String url = runtime.stack().queueUrl("AuditQueue");
        traffic.enqueue(url, body);
        auditMessages.add(id);
        traffic.enqueue(url, body);
        if (n % 4 == 0) {
            traffic.twoConsumersAtOnce("recordAudit", runtime.stack().queueArn("AuditQueue"), body);
        }
    }

    private void mutate(int n) {
        if (n % 4 == 3) {
            String name = "user-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
            Traffic.Answer a = traffic.json("POST", "/users", token, Map.of("username", name, "password", "password-" + name,
                    "role", "USER", "fullName", name));
            answers.add(new Answered(Instant.now(), "POST /users", a.status()));
            mutations.add(new Mutation("USER_CREATED", a.ok() ? a.body().get("id").asString() : null, name, a.status()));
        } else {
            String name = "camera-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
            Traffic.Answer a = traffic.json("POST", "/cameras", token, Map.of("name", name, "direction", "ENTRY"));
            answers.add(new Answered(Instant.now(), "POST /cameras", a.status()));
            mutations.add(new Mutation("CAMERA_CREATED", a.ok() ? a.body().get("camera").get("id").asString() : null, name, a.status()));
        }
    }

    private void read(int n) {
        String path = n % 2 == 0 ? "/attendance/today" : "/events?limit=10";
        answers.add(new Answered(Instant.now(), "GET " + path.replaceAll("\\?.*", ""), traffic.json("GET", path, token, null).status()));
    }

    private void login(int n) {
        Traffic.Answer a = traffic.json("POST", "/auth/login", null, Map.of("username", ADMIN, "password", PASSWORD));
        answers.add(new Answered(Instant.now(), "POST /auth/login", a.status()));
        if (a.ok()) {
            loginsOk.incrementAndGet();
        } else if (a.status() < 0) {
            loginsUnanswered.incrementAndGet();
        } else {
            loginsFailed.incrementAndGet();
            log.warn("a login answered {}: {}", a.status(), a.text());
        }
    }

    /** Poison of every type, each carrying a marker to find it again in its dead-letter queue. */
    private void sendPoison() throws Exception {
        String attendance = runtime.stack().queueUrl("AttendanceQueue");
        String events = runtime.stack().queueUrl("EventsQueue");
        String audit = runtime.stack().queueUrl("AuditQueue");
        String m;
        m = UUID.randomUUID().toString();
        traffic.enqueue(attendance, "not json " + m);
        poison.add(new Poison("sighting", m, "not JSON"));
        m = UUID.randomUUID().toString();
        traffic.enqueue(attendance, "{\"eventId\":\"" + m + "\"}");
        poison.add(new Poison("sighting", m, "no organization, user, time"));
        m = UUID.randomUUID().toString();
        traffic.enqueue(attendance, Traffic.JSON.writeValueAsString(sighting(UUID.fromString(m), org, UUID.randomUUID(), camera, Instant.now())));
        poison.add(new Poison("sighting", m, "a user of no organization"));
        m = UUID.randomUUID().toString();
        traffic.enqueue(attendance, Traffic.JSON.writeValueAsString(sighting(UUID.fromString(m), org, people.get(0), camera, Instant.now().plus(Duration.ofHours(2)))));
        poison.add(new Poison("sighting", m, "captured in the future"));
        m = UUID.randomUUID().toString();
        traffic.enqueue(events, "{not json " + m);
        poison.add(new Poison("event", m, "not JSON"));
        m = UUID.randomUUID().toString();
        traffic.enqueue(events, "{\"eventId\":\"" + m + "\",\"organizationId\":\"" + org + "\"}");
        poison.add(new Poison("event", m, "no type, no severity"));
        m = UUID.randomUUID().toString();
        traffic.enqueue(events, "{\"eventId\":\"" + m + "\",\"organizationId\":\"" + org + "\",\"type\":\"NO_SUCH_TYPE\",\"severity\":\"WARNING\"}");
        poison.add(new Poison("event", m, "an unknown type"));
        m = UUID.randomUUID().toString();
        traffic.enqueue(audit, "[" + m);
        poison.add(new Poison("audit record", m, "not JSON"));
        m = UUID.randomUUID().toString();
        traffic.enqueue(audit, "{\"id\":\"" + m + "\",\"organizationId\":\"" + org + "\",\"action\":\"\",\"entityId\":\"" + m + "\"}");
        poison.add(new Poison("audit record", m, "no action"));
        String bucket = runtime.stack().bucketName("MediaBucket");
        String notAnImage = UUID.randomUUID().toString();
        String key = FrameKey.newKey(org, camera, Instant.now()).replace(".jpg", "-" + notAnImage + ".jpg");
        Traffic.retrying(() -> s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("not a picture " + notAnImage)));
        poison.add(new Poison("frame", notAnImage, "not an image"));
        m = UUID.randomUUID().toString();
        String badKey = "frames/not-an-organization/" + m + ".jpg";
        Traffic.retrying(() -> s3.putObject(r -> r.bucket(bucket).key(badKey), RequestBody.fromBytes(new byte[] {(byte) 0xff, (byte) 0xd8})));
        poison.add(new Poison("frame", m, "a key naming no organization"));
    }

    // ---- the faults -------------------------------------------------------------------------------------

    private Duration injectFaults() throws Exception {
        Instant start = Instant.now();
        int rounds = FULL ? 3 : 1;
        for (int round = 1; round <= rounds; round++) {
            fault("redis killed (SIGKILL)", () -> {
                services.killRedis();
                Traffic.sleep(4000);
                services.startRedis();
            });
            fault("redis FLUSHALL", services::flushRedis);
            Traffic.sleep(4000);
            fault("one attendance key deleted", () -> faultLog.add("  deleted " + services.deleteOneKey("attendance:*")));
            fault("postgres restarted (pg_ctlcluster restart)", services::restartPostgres);
            fault("postgres stopped 8 s, then started", () -> {
                services.stopPostgres();
                Traffic.sleep(8000);
                services.startPostgres();
            });
            fault("SQS endpoint down 6 s, then up", () -> {
                runtime.emulators().stop("sqs");
                Traffic.sleep(6000);
                runtime.emulators().start("sqs");
            });
            fault("S3 endpoint down 6 s, then up", () -> {
                runtime.emulators().stop("s3");
                Traffic.sleep(6000);
                runtime.emulators().start("s3");
            });
            fault("SMTP down 6 s, then up", () -> {
                services.stopSmtp();
                Traffic.sleep(6000);
                services.startSmtp();
            });
            fault("redis killed again, down 2 s", () -> {
                services.killRedis();
                Traffic.sleep(2000);
                services.startRedis();
            });
            fault("one attendance key deleted", () -> faultLog.add("  deleted " + services.deleteOneKey("attendance:*")));
        }
        return Duration.between(start, Instant.now());
    }

    interface Fault {
        void inject() throws Exception;
    }

    private void fault(String what, Fault fault) throws Exception {
        Traffic.sleep(FULL ? 12_000 : 5_000); // load in between, so each fault hits traffic in flight
        Instant at = Instant.now();
        log.info("FAULT: {}", what);
        fault.inject();
        faultLog.add(String.format("%s (%.1f s)", what, Duration.between(at, Instant.now()).toMillis() / 1000.0));
        windows.add(new FaultWindow(what, at, Instant.now()));
    }

    /** Until the queues, the audit outbox and the pending notifications are empty and the frames are done. */
    /** What was still to do when the load stopped, and how long the system took to finish it. */
    long backlogAtStop = -1;
    Duration drainedIn;

    private void awaitQuiet() {
        Instant began = Instant.now();
        Instant until = began.plus(Duration.ofMinutes(FULL ? 15 : 5));
        int quietFor = 0;
        String last = "";
        while (Instant.now().isBefore(until) && quietFor < 3) {
            Traffic.sleep(3000);
            long inQueues = 0;
            for (String q : List.of("AttendanceQueue", "EventsQueue", "AuditQueue")) {
                var attributes = Traffic.retrying(() -> sqs.getQueueAttributes(r -> r.queueUrl(runtime.stack().queueUrl(q))
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)))
                        .attributes();
                for (String v : attributes.values()) {
                    inQueues += Long.parseLong(v);
                }
            }
            long outbox = jdbc.queryForObject("SELECT count(*) FROM audit_outbox", Long.class);
            long pending = jdbc.queryForObject("SELECT count(*) FROM notifications WHERE status = 'PENDING'", Long.class);
            long processed = jdbc.queryForObject("SELECT count(*) FROM face_images WHERE image_type = 'UNKNOWN'", Long.class);
            // every frame taken has made what its photo makes (a slow machine may still be on the last ones)
            long framesBehind = frames.stream().filter(f -> crops(f) < cropsPerPhoto.get(f.photo())).count();
            if (backlogAtStop < 0) {
                backlogAtStop = inQueues;
            }
            String now = inQueues + "/" + outbox + "/" + pending + "/" + processed;
            quietFor = inQueues == 0 && outbox == 0 && pending == 0 && framesBehind == 0 && now.equals(last) ? quietFor + 1 : 0;
            last = now;
            log.info("waiting for quiet: queued {} outbox {} pending notifications {} crops {} frames behind {}",
                    inQueues, outbox, pending, processed, framesBehind);
        }
        drainedIn = Duration.between(began, Instant.now());
    }

    // ---- the accounting ---------------------------------------------------------------------------------

    private Ledger account() throws Exception {
        Ledger ledger = new Ledger();
        Map<String, List<Message>> deadLetters = new LinkedHashMap<>();
        for (String q : List.of("AttendanceDeadLetterQueue", "EventsDeadLetterQueue", "AuditDeadLetterQueue", "FramesDeadLetterQueue")) {
            deadLetters.put(q, drain(runtime.stack().queueUrl(q)));
        }
        Function<UUID, Message> inDlq = id -> deadLetters.values().stream().flatMap(List::stream)
                .filter(m -> m.body().contains(id.toString())).findFirst().orElse(null);

        // attendance logs from sightings: one row per event id, whatever the redeliveries
        Ledger.Row logs = ledger.row("attendance logs (sightings, each sent twice, 1 in 5 also to two consumers at once)");
        Map<UUID, Long> logCount = jdbc.query("SELECT id, count(*) AS n FROM attendance_logs WHERE organization_id = ? GROUP BY id",
                rs -> {
                    Map<UUID, Long> m = new HashMap<>();
                    while (rs.next()) {
                        m.put(rs.getObject("id", UUID.class), rs.getLong("n"));
                    }
                    return m;
                }, org);
        for (SentSighting s : sightings) {
            logs.sent++;
            long n = logCount.getOrDefault(s.eventId(), 0L);
            countOnce(logs, n, s.eventId(), inDlq);
        }

        // attendance records of the closed day: exactly one per person and day, and it agrees with the log
        Ledger.Row records = ledger.row("attendance records (closed day: one per person, first in = first IN of the log)");
        Set<List<Object>> days = sightings.stream().filter(s -> LocalDate.ofInstant(s.capturedAt(), ZoneOffset.UTC).isBefore(LocalDate.now(ZoneOffset.UTC)))
                .map(s -> List.<Object>of(s.userId(), LocalDate.ofInstant(s.capturedAt(), ZoneOffset.UTC))).collect(Collectors.toSet());
        for (List<Object> day : days) {
            records.sent++;
            List<Map<String, Object>> rows = jdbc.queryForList("SELECT first_in_time FROM attendance_records WHERE organization_id = ? AND user_id = ? AND attendance_date = ?",
                    org, day.get(0), day.get(1));
            Instant firstIn = jdbc.queryForObject("SELECT min(event_time) FROM attendance_logs WHERE organization_id = ? AND user_id = ? AND attendance_date = ? AND event_type = 'IN'",
                    java.sql.Timestamp.class, org, day.get(0), day.get(1)).toInstant();
            if (rows.size() > 1) {
                records.duplicated += rows.size() - 1;
                records.example("two records for " + day);
            } else if (rows.isEmpty()) {
                records.lost++;
                records.example("no record for " + day);
            } else if (!((java.sql.Timestamp) rows.get(0).get("first_in_time")).toInstant().equals(firstIn)) {
                records.lost++;
                records.example("the record of " + day + " says first in " + rows.get(0).get("first_in_time") + ", the log " + firstIn);
            } else {
                records.recorded++;
            }
        }

        // today's view (Redis, through kills and flushes) against the same view rebuilt from Postgres alone
        Ledger.Row today = ledger.row("today's view (Redis after the faults = rebuilt from the log)");
        Traffic.Answer before = traffic.json("GET", "/attendance/today", token, null);
        services.flushRedis();
        Traffic.Answer rebuilt = traffic.json("GET", "/attendance/today", token, null);
        Map<String, String> a = people(before.body());
        Map<String, String> b = people(rebuilt.body());
        for (String person : b.keySet()) {
            today.sent++;
            if (b.get(person).equals(a.get(person))) {
                today.recorded++;
            } else {
                today.lost++;
                today.example(person + ": served " + a.get(person) + ", the log says " + b.get(person));
            }
        }

        // frames: each one taken makes what its photo makes when nothing fails, once
        Ledger.Row frameLogs = ledger.row("attendance logs (real frames through recognizeFrame, 1 in 4 delivered 3 times)");
        Ledger.Row crops = ledger.row("unknown-face crops (real frames)");
        for (Frame f : frames) {
            int expectedLogs = matchesPerPhoto.get(f.photo());
            if (expectedLogs > 0) {
                frameLogs.sent++;
                countFrame(frameLogs, logsOfFrame(f), expectedLogs, f, deadLetters.get("FramesDeadLetterQueue"));
            }
            crops.sent++;
            countFrame(crops, crops(f), cropsPerPhoto.get(f.photo()), f, deadLetters.get("FramesDeadLetterQueue"));
        }

        // events: the alerts sent, once each; every crop has its one event
        Ledger.Row events = ledger.row("events (alerts, each sent twice, 1 in 4 also to two consumers at once)");
        Map<UUID, Long> eventCount = counts("SELECT id AS k, count(*) AS n FROM events WHERE organization_id = ? GROUP BY id");
        for (UUID id : alerts) {
            events.sent++;
            countOnce(events, eventCount.getOrDefault(id, 0L), id, inDlq);
        }
        Ledger.Row cropEvents = ledger.row("events of unknown faces (one per crop)");
        Map<UUID, Long> eventsOfCrop = counts("SELECT f.id AS k, count(e.id) AS n FROM face_images f LEFT JOIN events e ON e.reference_id = f.id "
                + "WHERE f.organization_id = ? AND f.image_type = 'UNKNOWN' GROUP BY f.id");
        eventsOfCrop.forEach((crop, n) -> {
            cropEvents.sent++;
            countOnce(cropEvents, n, crop, inDlq);
        });

        // notifications: per stored event, exactly one delivery per channel, and the provider got each once
        List<String> mail = services.mailIds();
        Map<String, Long> mailsPerId = mail.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        Map<String, Long> smsPerKey = sms.received.stream().collect(Collectors.groupingBy(SmsProvider.Received::idempotencyKey, Collectors.counting()));
        long dashboards = jdbc.queryForObject("SELECT count(*) FROM users WHERE organization_id = ? AND role_id IN (1, 2) AND NOT is_deleted AND is_active",
                Long.class, org);
        List<Map<String, Object>> notifications = jdbc.queryForList("SELECT e.id AS event, n.id, n.channel, n.status, n.last_error "
                + "FROM events e LEFT JOIN notifications n ON n.event_id = e.id WHERE e.organization_id = ?", org);
        Map<Object, List<Map<String, Object>>> byEvent = notifications.stream().collect(Collectors.groupingBy(r -> r.get("event")));
        for (String channel : List.of("EMAIL", "SMS", "DASHBOARD")) {
            Ledger.Row row = ledger.row("notifications " + channel + " (exactly once per event" + (channel.equals("DASHBOARD") ? " and staff member)" : ", at the provider too)"));
            long perEvent = channel.equals("DASHBOARD") ? dashboards : 1;
            byEvent.forEach((event, rows) -> {
                row.sent++;
                List<Map<String, Object>> mine = rows.stream().filter(r -> channel.equals(r.get("channel"))).toList();
                long sent = mine.stream().filter(r -> "SENT".equals(r.get("status"))).count();
                List<Map<String, Object>> failed = mine.stream().filter(r -> "FAILED".equals(r.get("status"))).toList();
                long atProvider = 0;
                boolean twiceAtProvider = false;
                for (Map<String, Object> r : mine) {
                    long n = channel.equals("EMAIL") ? mailsPerId.getOrDefault("<" + r.get("id") + "@rollcall>", 0L)
                            : channel.equals("SMS") ? smsPerKey.getOrDefault(r.get("id").toString(), 0L) : 1;
                    atProvider += Math.min(n, 1);
                    twiceAtProvider |= n > 1;
                }
                if (mine.size() > perEvent || twiceAtProvider) {
                    row.duplicated++;
                    row.example(event + ": " + mine.size() + " rows, at the provider " + (twiceAtProvider ? "twice" : "once"));
                } else if (!failed.isEmpty()) {
                    failed.forEach(f -> row.deadLettered((String) f.get("last_error")));
                } else if (sent == perEvent && atProvider == perEvent) {
                    row.recorded++;
                } else {
                    row.lost++;
                    row.example(event + ": " + mine.size() + " rows, " + sent + " SENT, " + atProvider + " at the provider");
                }
            });
        }

        // audit: each mutation that happened has its one row; the audit records sent as messages, once each
        Ledger.Row audit = ledger.row("audit rows of API mutations (exactly once)");
        Ledger.Row refused = ledger.row("API mutations not answered 2xx (nothing half-saved: audited iff saved)");
        for (Mutation mu : mutations) {
            String entity = mu.entityId();
            boolean ok = entity != null;
            if (!ok) {
                String table = mu.action().equals("USER_CREATED") ? "users WHERE username = ?" : "cameras WHERE name = ?";
                entity = jdbc.queryForList("SELECT id::text FROM " + table, String.class, mu.name()).stream().findFirst().orElse(null);
            }
            Ledger.Row row = ok ? audit : refused;
            row.sent++;
            long n = entity == null ? 0 : jdbc.queryForObject("SELECT count(*) FROM audit_logs WHERE action = ? AND entity_id = ?",
                    Long.class, mu.action(), entity);
            if (ok || entity != null) {
                if (n == 1) {
                    row.recorded++;
                } else if (n > 1) {
                    row.duplicated += n - 1;
                    row.example(mu + " audited " + n + " times");
                } else {
                    row.lost++;
                    row.example(mu + " saved, never audited");
                }
            } else {
                row.deadLettered("refused with " + mu.status() + ", nothing saved");
            }
        }
        Ledger.Row auditMsgs = ledger.row("audit rows of audit records on the queue (each sent twice, 1 in 4 also to two consumers)");
        Map<UUID, Long> byRecord = counts("SELECT record_id AS k, count(*) AS n FROM audit_logs WHERE organization_id = ? AND record_id IS NOT NULL GROUP BY record_id");
        for (UUID id : auditMessages) {
            auditMsgs.sent++;
            countOnce(auditMsgs, byRecord.getOrDefault(id, 0L), id, inDlq);
        }
        Ledger.Row logins = ledger.row("audit rows of logins (LOGIN_SUCCEEDED once per login answered 200)");
        long loginRows = jdbc.queryForObject("SELECT count(*) FROM audit_logs WHERE organization_id = ? AND action = 'LOGIN_SUCCEEDED'", Long.class, org);
        long answered = loginsOk.get() + 1; // and the suite's own first login
        logins.sent = answered;
        if (loginRows < answered) {
            logins.lost = answered - loginRows;
        } else if (loginRows > answered + loginsUnanswered.get()) {
            logins.duplicated = loginRows - answered - loginsUnanswered.get();
        }
        logins.recorded = Math.min(loginRows, answered);
        logins.example(loginRows + " rows for " + answered + " logins answered 200, " + loginsUnanswered.get() + " unanswered, " + loginsFailed.get() + " refused");

        // poison: every one dead-lettered (or, for a frame, rejected) with its reason; nothing of it recorded
        for (String type : List.of("sighting", "event", "audit record", "frame")) {
            Ledger.Row row = ledger.row("poison " + type + "s");
            for (Poison p : poison.stream().filter(p -> p.type().equals(type)).toList()) {
                row.sent++;
                if (type.equals("frame")) {
                    List<String> reasons = jdbc.queryForList("SELECT metadata->>'reason' FROM system_logs WHERE service_name = 'recognizeFrame' "
                            + "AND metadata->>'key' LIKE ?", String.class, "%" + p.marker() + "%");
                    if (reasons.isEmpty()) {
                        row.lost++;
                        row.example(p + ": no rejection recorded");
                    } else {
                        row.deadLettered(p.description() + " → " + reasons.get(0));
                    }
                    continue;
                }
                Message m = inDlq.apply(UUID.fromString(p.marker()));
                if (m == null) {
                    row.lost++;
                    row.example(p + ": not in its dead-letter queue");
                } else {
                    MessageAttributeValue reason = m.messageAttributes().get(DLQ_REASON);
                    row.deadLettered(reason == null ? null : p.description() + " → " + reason.stringValue());
                }
            }
        }
        // a dead letter nobody sent as poison must be explained as well
        Ledger.Row stray = ledger.row("other dead letters");
        Set<String> markers = poison.stream().map(Poison::marker).collect(Collectors.toSet());
        deadLetters.forEach((q, messages) -> messages.stream()
                .filter(m -> markers.stream().noneMatch(m.body()::contains))
                .forEach(m -> {
                    stray.sent++;
                    String reason = reasonOf(m);
                    stray.deadLettered(reason == null ? null : q + ": " + reason);
                    stray.example(q + ": " + m.body().substring(0, Math.min(200, m.body().length())));
                }));
        return ledger;
    }

    private void countOnce(Ledger.Row row, long n, UUID id, Function<UUID, Message> inDlq) {
        if (n == 1) {
            row.recorded++;
        } else if (n > 1) {
            row.duplicated += n - 1;
            row.example(id + " stored " + n + " times");
        } else {
            Message m = inDlq.apply(id);
            if (m != null) {
                MessageAttributeValue reason = m.messageAttributes().get(DLQ_REASON);
                row.deadLettered(reason == null ? null : reason.stringValue());
                row.example(id + " dead-lettered: " + (reason == null ? "(no reason)" : reason.stringValue()));
            } else {
                row.lost++;
                row.example(id + " never stored");
            }
        }
    }

    private void countFrame(Ledger.Row row, int n, int expected, Frame f, List<Message> framesDlq) {
        if (n == expected) {
            row.recorded++;
        } else if (n > expected) {
            row.duplicated += n - expected;
            row.example(f.key() + ": " + n + " instead of " + expected);
        } else if (framesDlq.stream().anyMatch(m -> m.body().contains(f.key()))) {
            Message m = framesDlq.stream().filter(d -> d.body().contains(f.key())).findFirst().orElseThrow();
            row.deadLettered(reasonOf(m) == null ? null : "S3 event failed 3 times: " + reasonOf(m));
            row.example(f.key() + " in the frames dead-letter queue");
        } else {
            row.lost++;
            row.example(f.key() + ": " + n + " instead of " + expected);
        }
    }

    /** Our consumers' reason attribute, or Lambda's ErrorMessage on an asynchronous invocation's dead letter. */
    private static String reasonOf(Message m) {
        MessageAttributeValue reason = m.messageAttributes().get(DLQ_REASON);
        if (reason == null) {
            reason = m.messageAttributes().get("ErrorMessage");
        }
        return reason == null ? null : reason.stringValue();
    }

    private int crops(Frame f) {
        return jdbc.queryForObject("SELECT count(*) FROM face_images WHERE organization_id = ? AND camera_id = ? AND captured_at = ? AND image_type = 'UNKNOWN'",
                Integer.class, org, camera, java.sql.Timestamp.from(f.capturedAt()));
    }

    private int logsOfFrame(Frame f) {
        return jdbc.queryForObject("SELECT count(*) FROM attendance_logs WHERE organization_id = ? AND user_id = ? AND event_time = ?",
                Integer.class, org, facePerson, java.sql.Timestamp.from(f.capturedAt()));
    }

    private Map<UUID, Long> counts(String sql) {
        return jdbc.query(sql, rs -> {
            Map<UUID, Long> m = new HashMap<>();
            while (rs.next()) {
                m.put(rs.getObject("k", UUID.class), rs.getLong("n"));
            }
            return m;
        }, org);
    }

    private static Map<String, String> people(JsonNode view) {
        Map<String, String> states = new HashMap<>();
        for (String list : List.of("present", "left", "notArrived")) {
            for (JsonNode p : view.path(list)) {
                states.put(p.get("userId").asString(), list + " in " + p.path("firstIn").asString("-") + " out " + p.path("lastOut").asString("-"));
            }
        }
        return states;
    }

    private List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> got = Traffic.retrying(() -> sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(600).messageAttributeNames("All")).messages());
            if (got.isEmpty()) {
                return all;
            }
            all.addAll(got);
        }
    }

    private String report(Ledger ledger, Duration took, Duration faultsTook) {
        StringBuilder md = new StringBuilder();
        md.append("Profile ").append(FULL ? "FULL" : "SHORT").append(", ").append(took.toSeconds()).append(" s in all, faults over ")
                .append(faultsTook.toSeconds()).append(" s; ").append(frames.size()).append(" frames, ").append(sightings.size())
                .append(" sightings, ").append(alerts.size()).append(" alerts, ").append(auditMessages.size()).append(" audit records, ")
                .append(mutations.size()).append(" mutations, ").append(loginsOk.get() + loginsFailed.get() + loginsUnanswered.get())
                .append(" logins (").append(loginsFailed.get()).append(" refused, ").append(loginsUnanswered.get()).append(" unanswered).\n\n");
        md.append("When the load stopped ").append(backlogAtStop).append(" messages were still queued; everything was done ")
                .append(drainedIn == null ? "?" : drainedIn.toSeconds()).append(" s later (the last 9 s of it confirming quiet).\n\n");
        md.append("Faults, in order:\n\n");
        faultLog.forEach(f -> md.append(f.startsWith("  ") ? "  -" + f.substring(1) : "- " + f).append('\n'));
        md.append('\n').append(ledger.markdown());
        md.append("\nWhat a client saw: HTTP answers other than 2xx/4xx (5xx, or no answer) during each fault and the 5 s after it.\n\n");
        md.append("| fault | answers | 5xx or none | of which |\n|---|---:|---:|---|\n");
        for (FaultWindow w : windows) {
            List<Answered> in = answers.stream().filter(x -> !x.at().isBefore(w.from()) && !x.at().isAfter(w.to().plusSeconds(5))).toList();
            Map<String, Long> bad = in.stream().filter(x -> x.status() < 0 || x.status() >= 500)
                    .collect(Collectors.groupingBy(Answered::what, java.util.TreeMap::new, Collectors.counting()));
            md.append("| ").append(w.what()).append(" | ").append(in.size()).append(" | ")
                    .append(bad.values().stream().mapToLong(Long::longValue).sum()).append(" | ")
                    .append(bad.isEmpty() ? "—" : bad.toString().replaceAll("[{}]", "")).append(" |\n");
        }
        List<String> problems = ledger.problems();
        md.append('\n').append(problems.isEmpty() ? "Verdict: 0 lost, 0 duplicated, every dead letter explained.\n"
                : "Verdict: FAILED\n\n- " + String.join("\n- ", problems) + "\n");
        return md.toString();
    }
}
