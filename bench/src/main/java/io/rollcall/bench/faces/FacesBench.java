package io.rollcall.bench.faces;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
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
        if (args.length == 3 && args[0].equals("--cold-breakdown")) {
            coldBreakdown(args[1], args[2]);
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
            md.append(coldStarts(env, key, snapshotMs));
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

    /** A way of starting recognizeFrame's JVM: its options on top of template.yaml's. */
    record Start(String name, List<String> options) {
    }

    static final List<String> TEMPLATE_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
    static final List<String> BASELINE_SETTINGS = List.of("-DROLLCALL_ONNX_THREADS=0",
            "-DROLLCALL_ONNX_DENORMALS_AS_ZERO=false", "-DROLLCALL_ONNX_SPINNING=true");

    /** The cold-start table: every way of starting, COLD_STARTS runs each, interleaved; then the breakdown. */
    static String coldStarts(TestEnvironment env, String key, List<Long> snapshotMs) throws Exception {
        Path archive = Files.createTempDirectory("rollcall-cds").resolve("recognizeFrame.jsa");
        // the training run: one cold start that writes the classes it loaded to a dynamic CDS archive at exit
        childColdStart(env, key, List.of("-XX:ArchiveClassesAtExit=" + archive), "--cold-start");
        archive.toFile().deleteOnExit();
        Path aotArchive = archive.resolveSibling("recognizeFrame-aot.jsa");
        childColdStart(env, key, List.of("-Dspring.aot.enabled=true", "-XX:ArchiveClassesAtExit=" + aotArchive), "--cold-start");
        aotArchive.toFile().deleteOnExit();
        List<String> lazy = new ArrayList<>(BASELINE_SETTINGS);
        lazy.add("-DROLLCALL_PRELOAD_MODELS=false");
        List<Start> starts = List.of(
                new Start("**baseline**: before issue 11 (ORT default threads, denormals kept, models loaded by the first frame)", lazy),
                new Start("**new default**: new pipeline settings, models loaded by the first frame", List.of()),
                new Start("new default + models preloaded in the background from context start (ROLLCALL_PRELOAD_MODELS)",
                        List.of("-DROLLCALL_PRELOAD_MODELS=true")),
                new Start("new default + AppCDS archive of this run's classes", List.of("-XX:SharedArchiveFile=" + archive)),
                new Start("new default + Spring AOT (`-Dspring.aot.enabled=true`: the bean factory generated at build time)",
                        List.of("-Dspring.aot.enabled=true")),
                new Start("new default + Spring AOT + AppCDS archive (written by an AOT run)",
                        List.of("-Dspring.aot.enabled=true", "-XX:SharedArchiveFile=" + aotArchive)));
        Map<String, List<long[]>> runs = new LinkedHashMap<>();
        for (int run = 0; run < COLD_STARTS; run++) {
            for (Start start : starts) {
                String[] t = childColdStart(env, key, start.options(), "--cold-start").split(",");
                runs.computeIfAbsent(start.name(), k -> new ArrayList<>())
                        .add(new long[] {Long.parseLong(t[0]), Long.parseLong(t[1]), Long.parseLong(t[2]), Long.parseLong(t[3])});
            }
        }
        StringBuilder md = new StringBuilder("\n### recognizeFrame cold start\n\n")
                .append("A new JVM (`-XX:TieredStopAtLevel=1` as in template.yaml) creates the AWS adapter's `FunctionInvoker` ")
                .append("and answers an S3 event for a 1920 px frame with 3 faces (sample1.jpg); the ONNX sessions and the ")
                .append("10 000-face index are loaded lazily by that first call. ").append(COLD_STARTS)
                .append(" runs per row, interleaved; medians. AppCDS: a dynamic archive written by one training run of the ")
                .append("same cold start (`-XX:ArchiveClassesAtExit`), then `-XX:SharedArchiveFile`.\n\n")
                .append("| start | JVM start → FunctionInvoker ready ms | first frame answered ms | **total ms** | vs baseline | resident MiB after 6 frames (peak) |\n|---|---|---|---|---|---|\n");
        long base = 0;
        for (Map.Entry<String, List<long[]>> e : runs.entrySet()) {
            long ready = median(e.getValue().stream().map(t -> t[0]).toList());
            long answered = median(e.getValue().stream().map(t -> t[1]).toList());
            long total = median(e.getValue().stream().map(t -> t[0] + t[1]).toList());
            base = base == 0 ? total : base;
            md.append("| ").append(e.getKey()).append(" | ").append(ready).append(" | ").append(answered).append(" | **")
                    .append(total).append("** | ").append(String.format(java.util.Locale.ROOT, "%.2f×", total / (double) base))
                    .append(" | ").append(median(e.getValue().stream().map(t -> t[2]).toList())).append(" (")
                    .append(median(e.getValue().stream().map(t -> t[3]).toList())).append(") |\n");
        }
        long peak = runs.values().stream().flatMap(List::stream).mapToLong(t -> t[3]).max().orElse(-1);
        md.append("\n").append(breakdown(env, key, List.of(), snapshotMs));
        md.append("\n**Reading.** Without SnapStart a new JVM cannot answer its first frame in 2 s on this machine: the ")
                .append("Spring context (class loading above all) and the native libraries alone exceed it. Preloading the ")
                .append("models in the background starts late in the context refresh and competes for the same 2 cores: ")
                .append("compare its row with the new default's (in two earlier runs it was 0.90× and 1.08× of it, i.e. ")
                .append("noise), which is why it is off by default. An AppCDS archive removes most class-loading ")
                .append("cost, but it must be written by the JVM that reads it (Lambda's java21, not this Java 17), so the ")
                .append("template does not ship one. Spring AOT (the bean factory generated at build time by ")
                .append("`spring-boot:process-aot`) removes the scanning of the classes and the evaluation of the configuration ")
                .append("from the context's start; it needs nothing from the JVM that runs it, so template.yaml turns it on ")
                .append("(`-Dspring.aot.enabled=true`, exercised by PackagedJarIT). With AOT and AppCDS together the Spring ")
                .append("context is left with the loading of the classes it instantiates. On AWS the template's SnapStart moves everything up to warmed models ")
                .append("(every row of the breakdown but the first frame's connections and index load) into the snapshot; ")
                .append("what a restored instance still pays is the restore itself (not measurable here) and the first ")
                .append("frame's S3, Postgres, Redis and SQS connections, their classes and the index load.\n\n")
                .append("**Memory.** The resident size of recognizeFrame after six frames with the models and a 10 000-face ")
                .append("index peaked at ").append(peak).append(" MiB in these runs (the JVM's default heap sizing on a ")
                .append("24 GiB machine, so an upper bound). The face functions' `MemorySize` in template.yaml is 2048: ")
                .append(String.format(java.util.Locale.ROOT, "%.1f", 2048.0 / peak)).append("× that, and above 1,769 MB, where Lambda gives a whole vCPU (the pipeline runs one ONNX thread; ")
                .append("below that size every frame would take longer in proportion). 3008 MB bought a second, partial ")
                .append("vCPU that one inference thread does not use.\n");
        return md.toString();
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Where a cold start's time goes: each part forced in turn in a new JVM, COLD_STARTS runs, medians. */
    static String breakdown(TestEnvironment env, String key, List<String> options, List<Long> snapshotMs) throws Exception {
        Map<String, List<Long>> parts = new LinkedHashMap<>();
        Map<String, List<Long>> classes = new LinkedHashMap<>();
        for (int run = 0; run < COLD_STARTS; run++) {
            String out = childColdStart(env, key, options, "--cold-breakdown");
            for (String part : out.split(";")) {
                String[] f = part.split("=");
                String[] v = f[1].split("/");
                parts.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Long.parseLong(v[0]));
                classes.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Long.parseLong(v[1]));
            }
        }
        StringBuilder md = new StringBuilder("**Breakdown** (new defaults, no CDS): a new JVM that forces each part in turn ")
                .append("(so each row is what that part adds; the order differs from a real cold start, where Spring comes ")
                .append("first and the rest happens inside the first frame). Medians of ").append(COLD_STARTS)
                .append(" runs; classes = classes loaded during the part.\n\n| part | ms | classes loaded |\n|---|---|---|\n");
        for (String part : parts.keySet()) {
            md.append("| ").append(BREAKDOWN.getOrDefault(part, part)).append(" | ").append(median(parts.get(part)))
                    .append(" | ").append(median(classes.get(part))).append(" |\n");
        }
        md.append("| of which: the 10 000-face index from its S3 snapshot (get + `fromBytes` + first search, measured above) | ")
                .append(median(snapshotMs)).append(" | |\n");
        return md.toString();
    }

    static final Map<String, String> BREAKDOWN = Map.of(
            "jvm", "JVM start → `main` (JVM boot, launcher)",
            "natives", "native libraries: OpenCV (JavaCPP), ONNX Runtime, FAISS + OpenBLAS",
            "sessions", "ONNX sessions: manifest, sha256 of the 3 models, 3 sessions with graph optimisation",
            "inference", "first inference: one 1920 px 3-face frame through the pipeline (warm-up)",
            "inference2", "(for comparison: the same frame again, warm)",
            "spring", "Spring context: `new FunctionInvoker(\"recognizeFrame\")` (class loading, lazy beans)",
            "frame", "first frame through the function: S3 get, Postgres and Redis connections, index load, SQS sends",
            "frame2", "(for comparison: a second frame, warm)");

    /** Runs this class in a new JVM with the environment's coordinates; returns the child's COLD line's timings. */
    static String childColdStart(TestEnvironment env, String key, List<String> options, String mode) throws Exception {
        List<String> jvm = new ArrayList<>(TEMPLATE_OPTIONS);
        jvm.addAll(options);
        List<String> command = childJava(jvm);
        command.addAll(List.of("-DMAIN_CLASS=" + RollCallFunctions.class.getName(), FacesBench.class.getName(),
                mode, TestEnvironment.BUCKET, key));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SPRING_CLOUD_FUNCTION_DEFINITION", "recognizeFrame"); // as template.yaml sets it
        Process process = builder.start();
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
        command.addAll(List.of("-cp", jarsOnly(System.getProperty("java.class.path"))));
        for (String name : List.of("DATABASE_URL", "DATABASE_USER", "REDIS_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SQS",
                "AWS_REGION", "aws.region", "aws.accessKeyId", "aws.secretAccessKey", "MEDIA_BUCKET", "ATTENDANCE_QUEUE_URL",
                "AUDIT_QUEUE_URL", "EVENTS_QUEUE_URL", "rollcall.models.dir")) {
            command.add("-D" + name + "=" + System.getProperty(name));
        }
        return command;
    }

    /** In the child JVM: each part of a cold start forced in turn; prints "COLD part=ms/classes;... PROCESSED". */
    static void coldBreakdown(String bucket, String key) throws Exception {
        java.lang.management.ClassLoadingMXBean cl = ManagementFactory.getClassLoadingMXBean();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        StringBuilder parts = new StringBuilder();
        long[] mark = {System.currentTimeMillis(), cl.getTotalLoadedClassCount()};
        parts.append("jvm=").append(mark[0] - jvmStart).append("/").append(mark[1]);
        java.util.function.Consumer<String> lap = name -> {
            long now = System.currentTimeMillis();
            long loaded = cl.getTotalLoadedClassCount();
            parts.append(";").append(name).append("=").append(now - mark[0]).append("/").append(loaded - mark[1]);
            mark[0] = now;
            mark[1] = loaded;
        };
        org.bytedeco.javacpp.Loader.load(org.bytedeco.opencv.global.opencv_imgcodecs.class);
        org.bytedeco.javacpp.Loader.load(org.bytedeco.opencv.global.opencv_dnn.class);
        org.bytedeco.javacpp.Loader.load(org.bytedeco.opencv.global.opencv_calib3d.class);
        ai.onnxruntime.OrtEnvironment.getEnvironment();
        FaissIndex.create(IndexSpec.exact(512)).close();
        lap.accept("natives");
        java.nio.file.Path models = java.nio.file.Path.of(System.getProperty("rollcall.models.dir"));
        FacePipeline pipeline = FacePipeline.shared(models);
        lap.accept("sessions");
        byte[] photo = Files.readAllBytes(models.resolve("photos/sample1.jpg"));
        pipeline.analyze(photo);
        lap.accept("inference");
        pipeline.analyze(photo);
        lap.accept("inference2");
        FunctionInvoker invoker = new FunctionInvoker("recognizeFrame");
        lap.accept("spring");
        String answer = answer(invoker, bucket, key);
        lap.accept("frame");
        answer(invoker, bucket, key);
        lap.accept("frame2");
        System.out.println("COLD " + parts + " " + answer);
        System.exit(0);
    }

    /** The class path with each module's target/classes replaced by its packaged jar (CDS takes jars only). */
    static String jarsOnly(String classPath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p) && p.endsWith(Path.of("target", "classes"))) {
                try (var jars = Files.list(p.getParent())) {
                    entry = jars.filter(j -> j.toString().endsWith(".jar") && !j.toString().endsWith("-tests.jar"))
                            .findFirst().map(Path::toString).orElse(entry);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            entries.add(entry);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** A size from /proc/self/status, in MiB. */
    private static long status(String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static String answer(FunctionInvoker invoker, String bucket, String key) throws Exception {
        String event = """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2025-11-25T08:00:01.000Z",
                "eventName":"ObjectCreated:Put","s3":{"s3SchemaVersion":"1.0","bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
                "object":{"key":"%s","size":1}}}]}""".formatted(bucket, bucket, key);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        invoker.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** In the child JVM: time to a ready FunctionInvoker and to the first answer. */
    static void coldStart(String bucket, String key) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        FunctionInvoker invoker = new FunctionInvoker("recognizeFrame");
        long ready = System.currentTimeMillis();
        String first = answer(invoker, bucket, key);
        long answered = System.currentTimeMillis();
        for (int i = 0; i < 5; i++) { // a few more frames: the resident size of an instance that has been working
            answer(invoker, bucket, key);
        }
        System.out.println("COLD " + (ready - jvmStart) + "," + (answered - ready) + "," + status("VmRSS") + ","
                + status("VmHWM") + " " + first);
        System.exit(0);
    }
}
