package io.rollcall.bench.faces;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.rollcall.bench.BenchReport;
import io.rollcall.faces.gallery.Gallery;
import io.rollcall.faces.gallery.GallerySettings;
import io.rollcall.faces.gallery.GalleryVectors;
import io.rollcall.faces.gallery.IndexVersions;
import io.rollcall.faces.gallery.SnapshotStore;
import io.rollcall.faces.index.FaissIndex;
import io.rollcall.faces.index.IndexSpec;
import io.rollcall.faces.index.Vectors;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.functions.RollCallFunctions;
import io.rollcall.testing.TestEnvironment;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Faces: how long an organization's index snapshot (10 000 faces) takes to load, against a rebuild from
 * Postgres, and the cold start of recognizeFrame with that index: a new JVM, FunctionInvoker (Spring context)
 * and the first frame answered (ONNX sessions and the index load happen lazily inside it).
 * The vectors are random unit vectors: loading and searching do not depend on what they encode.
 */
public final class FacesBench {

    static final int FACES = 10_000;
    static final int LOADS = 5;
    static final int COLD_STARTS = 3;

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--cold-start")) {
            coldStart(args[1], args[2]);
            return;
        }
        TestEnvironment env = TestEnvironment.install();
        System.setProperty("rollcall.models.dir", env.root().resolve("models/cache").toString());
        JdbcTemplate jdbc = new JdbcTemplate(env.dataSource());
        StringBuilder md = new StringBuilder();
        SpringApplication application = new SpringApplication(RollCallFunctions.class);
        application.setWebApplicationType(WebApplicationType.NONE); // the functions, not their HTTP adapter
        try (ConfigurableApplicationContext context = application.run()) {
            FacePipeline pipeline = context.getBean(FacePipeline.class);
            UUID org = organizationWith(jdbc, pipeline.modelVersion(), FACES);
            byte[] snapshot = publishSnapshot(env, jdbc, org, pipeline.modelVersion());
            float[] query = randomUnit(new Random(7));

            List<Long> snapshotMs = new ArrayList<>();
            List<Long> rebuildMs = new ArrayList<>();
            for (int i = 0; i < LOADS; i++) {
                snapshotMs.add(firstSearchMs(context, pipeline, org, query, Gallery.Source.SNAPSHOT));
            }
            for (int i = 0; i < LOADS; i++) {
                jdbc.update("UPDATE face_indexes SET snapshot_key = 'indexes/missing' WHERE organization_id = ?", org);
                rebuildMs.add(firstSearchMs(context, pipeline, org, query, Gallery.Source.REBUILT));
            }
            md.append("### Faces: index snapshot load and recognizeFrame cold start\n\n")
                    .append("One organization with ").append(FACES).append(" enrolled 512-d vectors, `IDMap2,Flat`; snapshot ")
                    .append(snapshot.length / 1024 / 1024).append(" MiB in the (emulated, local) media bucket. ")
                    .append("Each load is a new `Gallery` (what a new Lambda instance holds) answering its first search.\n\n")
                    .append("| load | runs | median ms | min ms | max ms |\n|---|---|---|---|---|\n")
                    .append(row("snapshot from S3 (get + FaissIndex.fromBytes)", snapshotMs))
                    .append(row("rebuild from Postgres (face_embeddings.embedding)", rebuildMs));

            String key = "frames/%s/%s/bench-%d.jpg".formatted(org, cameraOf(jdbc, org), System.nanoTime());
            byte[] frame = Files.readAllBytes(env.root().resolve("models/cache/photos/sample1.jpg"));
            try (var s3 = env.s3()) {
                s3.putObject(b -> b.bucket(TestEnvironment.BUCKET).key(key), RequestBody.fromBytes(frame));
            }
            md.append("\nCold start of recognizeFrame: a new JVM (`-XX:TieredStopAtLevel=1` as in template.yaml) creates the ")
                    .append("AWS adapter's `FunctionInvoker` and answers an S3 event for a 1920 px frame with 3 faces ")
                    .append("(ONNX sessions and the 10 000-face index are loaded by that first call).\n\n")
                    .append("| run | JVM start → FunctionInvoker ready ms | first frame answered ms | total ms |\n|---|---|---|---|\n");
            for (int run = 1; run <= COLD_STARTS; run++) {
                String[] t = childColdStart(env, key).split(",");
                md.append("| ").append(run).append(" | ").append(t[0]).append(" | ").append(t[1]).append(" | ")
                        .append(Long.parseLong(t[0]) + Long.parseLong(t[1])).append(" |\n");
            }
        }
        BenchReport.write("faces", md.toString());
        System.exit(0); // the embedded emulators' threads would keep the JVM alive
    }

    public static float[] randomUnit(Random random) {
        float[] v = new float[512];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalize(v, 512);
    }

    static long firstSearchMs(ConfigurableApplicationContext context, FacePipeline pipeline, UUID org, float[] query,
                              Gallery.Source expected) {
        Gallery gallery = new Gallery(context.getBean(IndexVersions.class), context.getBean(SnapshotStore.class),
                context.getBean(GalleryVectors.class), context.getBean(GallerySettings.class),
                context.getBean(org.springframework.transaction.PlatformTransactionManager.class),
                new io.rollcall.faces.FaceModelVersion(pipeline.modelVersion()));
        try {
            long t0 = System.nanoTime();
            gallery.search(org, query, 8);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Gallery.Loaded loaded = gallery.loaded(org).orElseThrow();
            if (loaded.source() != expected || loaded.vectors() != FACES) {
                throw new IllegalStateException("expected " + expected + " with " + FACES + " vectors, got " + loaded);
            }
            return ms;
        } finally {
            gallery.destroy();
        }
    }

    static String row(String what, List<Long> ms) {
        List<Long> sorted = ms.stream().sorted().toList();
        return "| %s | %d | %d | %d | %d |\n".formatted(what, ms.size(), sorted.get(sorted.size() / 2), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    /** An organization with a camera and FACES random unit vectors of 4 per user. */
    public static UUID organizationWith(JdbcTemplate jdbc, String modelVersion, int faces) throws Exception {
        UUID org = UUID.randomUUID();
        jdbc.update("INSERT INTO organizations (id, name, legal_name, code) VALUES (?, 'bench', 'bench', ?)", org, "b-" + org);
        jdbc.update("INSERT INTO cameras (organization_id, name) VALUES (?, 'door')", org);
        jdbc.update("""
                INSERT INTO users (organization_id, username, password_hash, role_id)
                SELECT ?, 'bench-' || ? || '-' || n, 'x', 3 FROM generate_series(1, ?) n""", org, org.toString(), faces / 4);
        List<UUID> users = jdbc.queryForList("SELECT id FROM users WHERE organization_id = ?", UUID.class, org);
        Random random = new Random(42);
        try (Connection c = jdbc.getDataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO face_embeddings (organization_id, user_id, embedding, model_version) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < faces; i++) {
                ps.setObject(1, org);
                ps.setObject(2, users.get(i % users.size()));
                ps.setBytes(3, GalleryVectors.encode(randomUnit(random)));
                ps.setString(4, modelVersion);
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return org;
    }

    /** What a writer publishes: the index of every vector, as version 1. */
    public static byte[] publishSnapshot(TestEnvironment env, JdbcTemplate jdbc, UUID org, String modelVersion) {
        List<long[]> ids = new ArrayList<>();
        try (FaissIndex index = FaissIndex.create(IndexSpec.exact(512))) {
            jdbc.query("SELECT embedding_index, embedding FROM face_embeddings WHERE organization_id = ?", rs -> {
                index.add(new long[] {rs.getLong(1)}, GalleryVectors.decode(rs.getBytes(2)));
            }, org);
            byte[] bytes = index.toBytes();
            String key = SnapshotStore.key(org, 1);
            try (var s3 = env.s3()) {
                s3.putObject(b -> b.bucket(TestEnvironment.BUCKET).key(key), RequestBody.fromBytes(bytes));
            }
            jdbc.update("""
                    INSERT INTO face_indexes (organization_id, version, snapshot_key, model_version, index_kind, vectors)
                    VALUES (?, 1, ?, ?, 'FLAT', ?)""", org, key, modelVersion, (int) index.size());
            return bytes;
        }
    }

    public static UUID cameraOf(JdbcTemplate jdbc, UUID org) {
        return jdbc.queryForObject("SELECT id FROM cameras WHERE organization_id = ?", UUID.class, org);
    }

    /** Runs this class in a new JVM with the environment's coordinates; returns "readyMs,answerMs". */
    static String childColdStart(TestEnvironment env, String key) throws Exception {
        List<String> command = childJava(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of("-DMAIN_CLASS=" + RollCallFunctions.class.getName(), FacesBench.class.getName(),
                "--cold-start", TestEnvironment.BUCKET, key));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("cold start run failed: " + out);
        }
        String result = out.lines().filter(l -> l.startsWith("COLD ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no timing in: " + out));
        if (!result.contains("PROCESSED")) {
            throw new IllegalStateException("the frame was not processed: " + result);
        }
        return result.substring(5, result.indexOf(' ', 5));
    }

    /**
     * The start of a command line for a new JVM on this class path with the coordinates of the running
     * TestEnvironment (database, Redis, emulators, models) as system properties, then {@code options}.
     */
    public static List<String> childJava(List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        for (String name : List.of("DATABASE_URL", "DATABASE_USER", "REDIS_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SQS",
                "AWS_REGION", "aws.region", "aws.accessKeyId", "aws.secretAccessKey", "MEDIA_BUCKET", "ATTENDANCE_QUEUE_URL",
                "AUDIT_QUEUE_URL", "EVENTS_QUEUE_URL", "rollcall.models.dir")) {
            command.add("-D" + name + "=" + System.getProperty(name));
        }
        return command;
    }

    /** In the child JVM: time to a ready FunctionInvoker and to the first answer. */
    static void coldStart(String bucket, String key) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        FunctionInvoker invoker = new FunctionInvoker("recognizeFrame");
        long ready = System.currentTimeMillis();
        String event = """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2025-11-25T08:00:01.000Z",
                "eventName":"ObjectCreated:Put","s3":{"s3SchemaVersion":"1.0","bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
                "object":{"key":"%s","size":1}}}]}""".formatted(bucket, bucket, key);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        invoker.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        long answered = System.currentTimeMillis();
        System.out.println("COLD " + (ready - jvmStart) + "," + (answered - ready) + " " + out.toString(StandardCharsets.UTF_8));
        System.exit(0);
    }
}
