package io.rollcall.bench.pipeline;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;

import io.rollcall.bench.BenchReport;
import io.rollcall.bench.accuracy.RealPhotoSet;
import io.rollcall.bench.faces.FacesBench;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.faces.FaceRules;
import io.rollcall.faces.gallery.Gallery;
import io.rollcall.faces.gallery.GalleryVectors;
import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.faces.pipeline.FacePipeline.Stages;
import io.rollcall.faces.pipeline.PipelineSettings;
import io.rollcall.faces.pipeline.PipelineSettings.Decoder;
import io.rollcall.faces.recognition.FaceRecognizer;
import io.rollcall.functions.RollCallFunctions;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import io.rollcall.testing.TestEnvironment;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The recognition path per stage, wall time and CPU time of the thread that ran each stage, for the named
 * {@link PipelineSettings#baseline() baseline} (the configuration before issue 11) and the candidates, measured in
 * the same run with rounds interleaved (so that other load on a shared machine hits every configuration alike):
 * <ol>
 *   <li>the pipeline alone on 1920 px frames with 3–5 faces (face-api samples) and on ~1880 px frames with one face
 *       (CompreFace photos of {@code ../shared/faces-labelled});</li>
 *   <li>frame → decision with a 10 000-face index: the pipeline, then {@link FaceRecognizer} (search, Postgres
 *       confirmation, thresholds) against real Postgres, Redis and the emulated S3;</li>
 *   <li>{@code POST /recognize} with one single-face photo, through the AWS adapter's FunctionInvoker in a new JVM
 *       per configuration (in-process, as Lambda calls it; no HTTP socket).</li>
 * </ol>
 * Writes the "pipeline" section of docs/benchmarks.md. Never part of the test suite.
 */
public final class PipelineBenchmark {

    private record Config(String name, PipelineSettings settings) {
    }

    /** One analysed frame. */
    private record Frame(FacePipeline.Timings timings, int faces) {
    }

    static final String BASELINE = "**baseline** (before issue 11): ORT default threads, denormals kept, detector input area-resized straight";
    static final String CANDIDATE = "**new default**: 1 thread, denormals flushed";
    /** The production default measured on its own after the interleaved rounds: warm caches, as an instance runs. */
    static final String ALONE = "**new default, run alone** (after the interleaved rounds: its weights and buffers stay in the caches, as in an instance that only recognizes)";
    static final String FULL_JIT = "new default, full JIT (C2; template.yaml stops at C1 for the cold start)";
    static final String ADAPTIVE = "1 thread, denormals flushed, adaptive decode (half resolution, full for faces < 112 px there)";
    static final List<String> ONE_FACE = List.of("e2e_D__1.jpg", "e2e_F__1.jpg", "e2e_G__1.jpg");
    static final int REQUESTS = 40;

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--recognize")) {
            recognizeRequests(args[1], Path.of(args[2]));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Map<String, byte[]> many = RealPhotoSet.load(false);
        Map<String, byte[]> one = oneFacePhotos();
        Path models = RealPhotoSet.modelsDir();

        PipelineSettings d = PipelineSettings.defaults();
        List<Config> configs = List.of(
                new Config(BASELINE, PipelineSettings.baseline()),
                new Config("ORT default threads, denormals flushed, spinning on", d.withIntraOpThreads(0).withSpinning(true)),
                new Config("ORT default threads, denormals flushed, spinning off", d.withIntraOpThreads(0)),
                new Config("1 thread, denormals kept", d.withDenormalsAsZero(false)),
                new Config(CANDIDATE, d),
                new Config("1 thread, denormals flushed, half-resolution decode", d.withDecoder(Decoder.OPENCV_REDUCED_2)),
                new Config(ADAPTIVE, d.withDecoder(Decoder.OPENCV_ADAPTIVE)),
                new Config("1 thread, denormals flushed, detector input area-resized straight from the frame (before the halvings)",
                        d.withHalvingBeforeResize(false)));
        if (!d.equals(PipelineSettings.defaults()) || configs.get(4).settings().intraOpThreads() != 1) {
            throw new IllegalStateException("the candidate row must be the production default");
        }
        Map<String, FacePipeline> pipelines = new LinkedHashMap<>();
        for (Config c : configs) {
            FacePipeline p = FacePipeline.open(models, c.settings());
            if (p.flushesDenormals() != c.settings().denormalsAsZero()) {
                throw new IllegalStateException(c.name() + ": the inference thread's denormal mode is not the configured one");
            }
            pipelines.put(c.name(), p);
        }
        String decoders = decoderAgreement(pipelines, configs, many, one);
        Map<String, List<Frame>> manyRuns = new LinkedHashMap<>();
        Map<String, List<Frame>> oneRuns = new LinkedHashMap<>();
        for (int r = -1; r < rounds; r++) { // round -1 warms up
            for (Config c : configs) {
                FacePipeline p = pipelines.get(c.name());
                for (byte[] photo : many.values()) {
                    record(manyRuns, c, p.analyzeTimed(photo), r);
                }
                for (byte[] photo : one.values()) {
                    record(oneRuns, c, p.analyzeTimed(photo), r);
                }
            }
            System.out.printf(Locale.ROOT, "round %d done%n", r);
        }
        FacePipeline production = pipelines.get(CANDIDATE);
        Config alone = new Config(ALONE, d);
        for (int r = -1; r < rounds; r++) {
            for (byte[] photo : many.values()) {
                record(manyRuns, alone, production.analyzeTimed(photo), r);
            }
            for (byte[] photo : one.values()) {
                record(oneRuns, alone, production.analyzeTimed(photo), r);
            }
        }
        List<Config> tableConfigs = new ArrayList<>(configs);
        tableConfigs.add(alone);

        TestEnvironment env = TestEnvironment.install();
        System.setProperty("rollcall.models.dir", models.toString());
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        System.setProperty("JWT_SIGNING_KEYS", "bench:" + Base64.getEncoder().encodeToString(key)); // the children verify the token
        JdbcTemplate jdbc = new JdbcTemplate(env.dataSource());
        SpringApplication application = new SpringApplication(RollCallFunctions.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        StringBuilder decisions = new StringBuilder();
        StringBuilder requests = new StringBuilder();
        List<String[]> targets = new ArrayList<>();
        try (ConfigurableApplicationContext context = application.run()) {
            measureDecisions(context, env, jdbc, pipelines, many, one, rounds, decisions, requests, targets);
        } catch (Exception e) {
            e.printStackTrace();
            decisions.append("\n_Frame → decision / POST /recognize failed in this run: ").append(e).append("_\n");
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        BenchReport.write("pipeline", markdown(tableConfigs, manyRuns, oneRuns, many.size(), one.size(), rounds, decisions,
                requests, targets, loadBefore, loadAfter).replace("<!--decoders-->", decoders));
        System.exit(0); // the embedded emulators' threads would keep the JVM alive
    }

    private static void measureDecisions(ConfigurableApplicationContext context, TestEnvironment env, JdbcTemplate jdbc,
                                         Map<String, FacePipeline> pipelines, Map<String, byte[]> many,
                                         Map<String, byte[]> one, int rounds, StringBuilder decisions,
                                         StringBuilder requests, List<String[]> targets) throws Exception {
        {
            String modelVersion = pipelines.get(CANDIDATE).modelVersion();
            UUID org = FacesBench.organizationWith(jdbc, modelVersion, 10_000);
            FacesBench.publishSnapshot(env, jdbc, org, modelVersion);
            Gallery gallery = context.getBean(Gallery.class);
            Map<String, Map<String, List<long[]>>> decided = new LinkedHashMap<>(); // config -> workload -> [pipe, search, decision] x [wall,cpu]
            // the baseline and the default interleaved, then the default alone (warm caches, as an instance runs)
            for (List<String> pass : List.of(List.of(BASELINE, CANDIDATE), List.of(ALONE))) {
                for (int r = -1; r < rounds; r++) {
                    for (String name : pass) {
                        FacePipeline p = pipelines.get(name.equals(ALONE) ? CANDIDATE : name);
                        FaceRecognizer recognizer = new FaceRecognizer(p, context.getBean(FaceRules.class), gallery,
                                context.getBean(GalleryVectors.class), context.getBean(OrganizationSettingsService.class),
                                context.getBean(io.rollcall.config.ConfigStore.class));
                        for (Map.Entry<String, Map<String, byte[]>> w : Map.of("3–5 faces", many, "1 face", one).entrySet()) {
                            for (byte[] photo : w.getValue().values()) {
                                long[] t = decide(p, recognizer, gallery, org, photo);
                                if (r >= 0) {
                                    decided.computeIfAbsent(name, k -> new LinkedHashMap<>())
                                            .computeIfAbsent(w.getKey(), k -> new ArrayList<>()).add(t);
                                }
                            }
                        }
                    }
                }
            }
            decisions.append(decisionTable(decided, targets));

            String token = context.getBean(AccessTokens.class).issue(new Caller(UUID.randomUUID(), org, Role.OPERATOR));
            Path photo = one.isEmpty() ? RealPhotoSet.modelsDir().resolve("photos/sample1.jpg")
                    : labelled().resolve("compreface").resolve(ONE_FACE.get(0));
            Path tokenFile = Files.createTempFile("bench-token", ".txt");
            Files.writeString(tokenFile, token + "\n" + photo);
            Map<String, long[][]> http = new LinkedHashMap<>();
            for (String name : List.of(BASELINE, CANDIDATE, FULL_JIT)) {
                PipelineSettings s = name.equals(BASELINE) ? PipelineSettings.baseline() : PipelineSettings.defaults();
                http.put(name, childRequests(s, tokenFile, !name.equals(FULL_JIT)));
            }
            requests.append(httpTable(http, photo, targets));
        }
    }

    /** How far the reduced decoders move each face's embedding from the full-resolution one (cosine). */
    private static String decoderAgreement(Map<String, FacePipeline> pipelines, List<Config> configs,
                                           Map<String, byte[]> many, Map<String, byte[]> one) {
        StringBuilder md = new StringBuilder("**Reduced decodes and accuracy.** The same face embedded by a reduced-decode ")
                .append("configuration and by the new default (full resolution), on the frames above:");
        List<byte[]> photos = new ArrayList<>(many.values());
        photos.addAll(one.values());
        FacePipeline reference = pipelines.get(CANDIDATE);
        for (Config c : configs) {
            if (c.settings().decoder() == Decoder.OPENCV) {
                continue;
            }
            List<Double> cos = new ArrayList<>();
            int found = 0;
            int total = 0;
            for (byte[] photo : photos) {
                List<DetectedFace> ref = reference.analyze(photo);
                List<DetectedFace> other = pipelines.get(c.name()).analyze(photo);
                total += ref.size();
                for (DetectedFace f : ref) {
                    other.stream().filter(o -> o.box().iou(f.box()) > 0.5).findFirst().ifPresent(o -> cos.add(f.embedding().cosine(o.embedding())));
                }
                found += other.size();
            }
            Collections.sort(cos);
            md.append(String.format(Locale.ROOT, " %s: %d of %d faces matched by position (%d found), cosine min %.3f, median %.3f;",
                    c.name(), cos.size(), total, found, cos.isEmpty() ? Double.NaN : cos.get(0),
                    cos.isEmpty() ? Double.NaN : cos.get(cos.size() / 2)));
        }
        return md.substring(0, md.length() - 1) + ". For comparison, re-encoding a photo as JPEG q=40 gives a median of "
                + "0.99 and a minimum of 0.90 (docs/accuracy.md).";
    }

    private static void record(Map<String, List<Frame>> runs, Config c, FacePipeline.Analysis a, int round) {
        if (round >= 0) {
            runs.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(new Frame(a.timings(), a.faces().size()));
        }
    }

    /** Pipeline, search alone, recognize (search + decision); wall and calling-thread CPU, nanoseconds. */
    private static long[] decide(FacePipeline p, FaceRecognizer recognizer, Gallery gallery, UUID org, byte[] photo) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        FacePipeline.Analysis a = p.analyzeTimed(photo);
        List<DetectedFace> faces = a.faces();
        float[] queries = new float[faces.size() * 512];
        for (int i = 0; i < faces.size(); i++) {
            System.arraycopy(faces.get(i).embedding().vector(), 0, queries, i * 512, 512);
        }
        long w0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        gallery.search(org, queries, 8);
        long w1 = System.nanoTime();
        long c1 = mx.getCurrentThreadCpuTime();
        var recognized = recognizer.recognize(org, faces);
        long w2 = System.nanoTime();
        long c2 = mx.getCurrentThreadCpuTime();
        if (recognized.size() != faces.size()) {
            throw new IllegalStateException("recognize lost faces");
        }
        long searchWall = w1 - w0;
        long searchCpu = c1 - c0;
        return new long[] {a.timings().wall().total(), a.timings().cpu().total(), searchWall, searchCpu,
                Math.max(0, (w2 - w1) - searchWall), Math.max(0, (c2 - c1) - searchCpu), faces.size()};
    }

    private static String decisionTable(Map<String, Map<String, List<long[]>>> decided, List<String[]> targets) {
        StringBuilder md = new StringBuilder("### Frame → decision (10 000-face index)\n\n")
                .append("*pipeline* is the table above's total; *search* `Gallery.search` (the index version read in Postgres ")
                .append("and FAISS `IDMap2,Flat` k=8 for all the frame's faces at once); *decision* the rest of ")
                .append("`FaceRecognizer.recognize`: the Postgres query that confirms the candidates, the organization's ")
                .append("thresholds (Redis) and the decision per face (measured as recognize minus a search of the same faces). ")
                .append("p50 in ms, wall / CPU of the calling thread (for the pipeline: of the thread that ran it).\n\n")
                .append("| workload | configuration | frames | pipeline | search | decision | **frame → decision** | vs baseline (wall / CPU) |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (String workload : List.of("1 face", "3–5 faces")) {
            double[] base = null;
            String[] candidateCells = null;
            for (String name : List.of(BASELINE, CANDIDATE, ALONE)) {
                List<long[]> rows = decided.getOrDefault(name, Map.of()).get(workload);
                if (rows == null || rows.isEmpty()) {
                    continue;
                }
                double totalWall = p50(rows, t -> t[0] + t[2] + t[4]);
                double totalCpu = p50(rows, t -> t[1] + t[3] + t[5]);
                if (base == null) {
                    base = new double[] {totalWall, totalCpu};
                }
                md.append("| ").append(workload).append(" | ").append(name).append(" | ").append(rows.size())
                        .append(" | ").append(ms(p50(rows, t -> t[0]))).append(" / ").append(ms(p50(rows, t -> t[1])))
                        .append(" | ").append(ms(p50(rows, t -> t[2]))).append(" / ").append(ms(p50(rows, t -> t[3])))
                        .append(" | ").append(ms(p50(rows, t -> t[4]))).append(" / ").append(ms(p50(rows, t -> t[5])))
                        .append(" | **").append(ms(totalWall)).append(" / ").append(ms(totalCpu)).append("**")
                        .append(" | ").append(ratio(totalWall, base[0])).append(" / ").append(ratio(totalCpu, base[1])).append(" |\n");
                if (name.equals(CANDIDATE)) {
                    candidateCells = new String[] {ms(totalWall) + " / " + ms(totalCpu)};
                }
                if (name.equals(ALONE) && candidateCells != null) {
                    String target = workload.equals("1 face") ? "30" : "60";
                    targets.add(new String[] {"1920 px frame, " + workload + " → decision, p50", "≤ " + target + " ms",
                            ms(base[0]) + " / " + ms(base[1]), candidateCells[0], ms(totalWall) + " / " + ms(totalCpu),
                            met(totalWall, totalCpu, Double.parseDouble(target))});
                }
            }
        }
        return md.toString();
    }

    private static long[][] childRequests(PipelineSettings s, Path tokenFile, boolean templateJit) throws Exception {
        List<String> command = FacesBench.childJava(List.of("-XX:+TieredCompilation",
                templateJit ? "-XX:TieredStopAtLevel=1" : "-XX:TieredStopAtLevel=4", "-DMAIN_CLASS=" + RollCallFunctions.class.getName(), "-DROLLCALL_ONNX_THREADS=" + s.intraOpThreads(),
                "-DROLLCALL_ONNX_DENORMALS_AS_ZERO=" + s.denormalsAsZero(), "-DROLLCALL_ONNX_SPINNING=" + s.allowSpinning(),
                "-DJWT_SIGNING_KEYS=" + System.getProperty("JWT_SIGNING_KEYS")));
        command.addAll(List.of(PipelineBenchmark.class.getName(), "--recognize", "recognizeApi", tokenFile.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("POST /recognize run failed: " + out);
        }
        List<long[]> rows = new ArrayList<>();
        for (String line : out.lines().filter(l -> l.startsWith("REQ ")).toList()) {
            String[] f = line.substring(4).split(",");
            rows.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
        }
        if (rows.size() != REQUESTS) {
            throw new IllegalStateException("expected " + REQUESTS + " requests: " + out);
        }
        return rows.toArray(long[][]::new);
    }

    /** In the child JVM: warm-up requests, then REQUESTS timed ones, each printed as "REQ wallNs,cpuNs". */
    static void recognizeRequests(String function, Path tokenFile) throws Exception {
        List<String> lines = Files.readAllLines(tokenFile);
        byte[] image = Files.readAllBytes(Path.of(lines.get(1)));
        String event = """
                {"version":"2.0","routeKey":"POST /recognize","rawPath":"/recognize","headers":{"authorization":"Bearer %s",
                "content-type":"image/jpeg"},"requestContext":{"http":{"method":"POST","path":"/recognize","sourceIp":"127.0.0.1",
                "userAgent":"bench"}},"body":"%s","isBase64Encoded":true}""".formatted(lines.get(0),
                Base64.getEncoder().encodeToString(image));
        byte[] in = event.getBytes(StandardCharsets.UTF_8);
        FunctionInvoker invoker = new FunctionInvoker(function);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = -10; i < REQUESTS; i++) {
            Thread inference = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("rollcall-onnx")).findFirst().orElse(null);
            long c0 = mx.getCurrentThreadCpuTime() + (inference == null ? 0 : mx.getThreadCpuTime(inference.getId()));
            long w0 = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            invoker.handleRequest(new ByteArrayInputStream(in), out, null);
            long wall = System.nanoTime() - w0;
            inference = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("rollcall-onnx")).findFirst().orElse(null);
            long cpu = mx.getCurrentThreadCpuTime() + (inference == null ? 0 : mx.getThreadCpuTime(inference.getId())) - c0;
            String answer = out.toString(StandardCharsets.UTF_8);
            if (!answer.contains("\\\"decision\\\"") && !answer.contains("\"decision\"")) {
                System.out.println("no decision in the answer: " + answer);
                System.exit(3);
            }
            if (i >= 0) {
                System.out.println("REQ " + wall + "," + cpu);
            }
        }
        System.exit(0);
    }

    private static String httpTable(Map<String, long[][]> http, Path photo, List<String[]> targets) {
        StringBuilder md = new StringBuilder("### `POST /recognize`, one single-face photo\n\n")
                .append("`").append(photo.getFileName()).append("` (").append(kib(photo)).append(" KiB JPEG), ").append(REQUESTS)
                .append(" requests after 10 warm-up ones, through the AWS adapter's `FunctionInvoker(\"recognizeApi\")` in a new ")
                .append("JVM per configuration (`-XX:TieredStopAtLevel=1` as in template.yaml, but for the full-JIT row): the API Gateway v2 event JSON in, ")
                .append("the response JSON out, token verified, the 10 000-face organization searched; in-process, so no HTTP ")
                .append("socket and no local-runtime routing. CPU is the calling thread plus the inference thread.\n\n")
                .append("| configuration | p50 ms | p99 ms | CPU p50 ms | vs baseline (wall / CPU) |\n|---|---|---|---|---|\n");
        double[] base = null;
        for (Map.Entry<String, long[][]> e : http.entrySet()) {
            List<long[]> rows = List.of(e.getValue());
            double wall = p50(rows, t -> t[0]);
            double cpu = p50(rows, t -> t[1]);
            if (base == null) {
                base = new double[] {wall, cpu};
            }
            md.append("| ").append(e.getKey()).append(" | ").append(ms(wall)).append(" | ").append(ms(pct(rows, t -> t[0], 99)))
                    .append(" | ").append(ms(cpu)).append(" | ").append(ratio(wall, base[0])).append(" / ")
                    .append(ratio(cpu, base[1])).append(" |\n");
            if (e.getKey().equals(CANDIDATE)) { // its own JVM: interleaved with nothing
                targets.add(new String[] {"`POST /recognize`, one single-face photo, p50 (FunctionInvoker in-process, C1 as the template)", "≤ 60 ms",
                        ms(base[0]) + " / " + ms(base[1]), ms(wall) + " / " + ms(cpu), ms(wall) + " / " + ms(cpu), met(wall, cpu, 60)});
            }
        }
        return md.toString();
    }

    private static String markdown(List<Config> configs, Map<String, List<Frame>> many, Map<String, List<Frame>> one,
                                   int manyPhotos, int onePhotos, int rounds, StringBuilder decisions, StringBuilder requests,
                                   List<String[]> targets, String loadBefore, String loadAfter) {
        StringBuilder md = new StringBuilder("## Recognition path (decode → detect → landmarks → align → embed → search → decision)\n\n");
        md.append("`io.rollcall.bench.pipeline.PipelineBenchmark`, ").append(rounds)
                .append(" rounds after one warm-up round, the configurations interleaved within each round, one frame at a ")
                .append("time. Each cell is p50 **wall / CPU** in ms per frame; CPU is the CPU time of the thread that ran the ")
                .append("stage (`ThreadMXBean`): with one ONNX thread all the work is on that thread, so CPU ≈ the latency on an ")
                .append("idle core and is far less disturbed by other load than wall time; with ONNX Runtime's default threads ")
                .append("(one per core) part of the network work runs on its pool thread and is not in the CPU column. ")
                .append("*detect* = resize to 320×240 + detector + NMS; *landmarks* = 64×64 crop + landmark network; *align* = ")
                .append("similarity warp to 112×112; *embed* = embedding network; *extras* = sharpness and the JPEG crop; ")
                .append("the last three summed over the frame's faces. Ratios are against the baseline row of the same run.\n\n");
        md.append(stageTable("1920 px frames with 3–5 faces (the " + manyPhotos + " face-api samples, 22 faces)", configs, many));
        if (onePhotos > 0) {
            md.append(stageTable("~1880 px frames with one face (" + String.join(", ", ONE_FACE)
                    + " of faces-labelled/compreface, 1880×1253)", configs, one));
        } else {
            md.append("_One-face frames skipped: ../shared/faces-labelled not found._\n\n");
        }
        List<Frame> candidate = new ArrayList<>(many.get(CANDIDATE));
        candidate.addAll(one.getOrDefault(CANDIDATE, List.of()));
        List<Frame> alone = new ArrayList<>(many.get(ALONE));
        alone.addAll(one.getOrDefault(ALONE, List.of()));
        List<Frame> baseline = new ArrayList<>(many.get(BASELINE));
        baseline.addAll(one.getOrDefault(BASELINE, List.of()));
        targets.add(0, new String[] {"embedding, per face (embed stage / faces, p50 over all frames)", "≤ 8 ms",
                ms(perFace(baseline, Stages::embed, false)) + " / " + ms(perFace(baseline, Stages::embed, true)),
                ms(perFace(candidate, Stages::embed, false)) + " / " + ms(perFace(candidate, Stages::embed, true)),
                ms(perFace(alone, Stages::embed, false)) + " / " + ms(perFace(alone, Stages::embed, true)),
                met(perFace(alone, Stages::embed, false), perFace(alone, Stages::embed, true), 8)});
        md.append("<!--decoders-->\n\n");
        md.append(decisions).append("\n").append(requests).append("\n");
        md.append("### Targets of issue 11 (p50, wall / CPU ms)\n\n| measure | target | baseline | new default (interleaved) | new default alone | met (alone) |\n|---|---|---|---|---|---|\n");
        for (String[] t : targets) {
            md.append("| ").append(String.join(" | ", t)).append(" |\n");
        }
        md.append("\nLoad average (1/5/15 min) before: `").append(loadBefore).append("`, after: `").append(loadAfter)
                .append("` on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores. **The machine was shared** with other engineers' builds and tests while this ran: absolute ")
                .append("wall times are pessimistic; compare rows of the same run and read the CPU columns.");
        return md.toString();
    }

    private static String stageTable(String title, List<Config> configs, Map<String, List<Frame>> runs) {
        StringBuilder md = new StringBuilder("### ").append(title).append("\n\n")
                .append("| configuration | frames | decode | detect | landmarks | align | embed | extras | **total** | total p99 wall | embed per face | vs baseline (wall / CPU) |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        List<Frame> base = runs.get(BASELINE);
        double baseWall = p50f(base, Stages::total, false);
        double baseCpu = p50f(base, Stages::total, true);
        for (Config c : configs) {
            List<Frame> f = runs.get(c.name());
            md.append("| ").append(c.name()).append(" | ").append(f.size());
            for (ToLongFunction<Stages> stage : List.<ToLongFunction<Stages>>of(Stages::decode, Stages::detect,
                    Stages::landmarks, Stages::align, Stages::embed, Stages::extras)) {
                md.append(" | ").append(ms(p50f(f, stage, false))).append(" / ").append(ms(p50f(f, stage, true)));
            }
            double wall = p50f(f, Stages::total, false);
            double cpu = p50f(f, Stages::total, true);
            md.append(" | **").append(ms(wall)).append(" / ").append(ms(cpu)).append("**")
                    .append(" | ").append(ms(pctf(f, Stages::total, 99)))
                    .append(" | ").append(ms(perFace(f, Stages::embed, false))).append(" / ").append(ms(perFace(f, Stages::embed, true)))
                    .append(" | ").append(ratio(wall, baseWall)).append(" / ").append(ratio(cpu, baseCpu)).append(" |\n");
        }
        return md.append("\n").toString();
    }

    private static double perFace(List<Frame> frames, ToLongFunction<Stages> stage, boolean cpu) {
        List<Long> v = new ArrayList<>();
        for (Frame f : frames) {
            if (f.faces() > 0) {
                v.add(stage.applyAsLong(cpu ? f.timings().cpu() : f.timings().wall()) / f.faces());
            }
        }
        Collections.sort(v);
        return v.isEmpty() ? 0 : v.get(v.size() / 2) / 1e6;
    }

    private static double p50f(List<Frame> frames, ToLongFunction<Stages> stage, boolean cpu) {
        return pctOf(frames.stream().map(f -> stage.applyAsLong(cpu ? f.timings().cpu() : f.timings().wall())).toList(), 50);
    }

    private static double pctf(List<Frame> frames, ToLongFunction<Stages> stage, int p) {
        return pctOf(frames.stream().map(f -> stage.applyAsLong(f.timings().wall())).toList(), p);
    }

    private static double p50(List<long[]> rows, ToLongFunction<long[]> value) {
        return pct(rows, value, 50);
    }

    private static double pct(List<long[]> rows, ToLongFunction<long[]> value, int p) {
        return pctOf(rows.stream().map(value::applyAsLong).toList(), p);
    }

    /** Nearest-rank percentile of nanoseconds, in milliseconds. */
    private static double pctOf(List<Long> values, int p) {
        List<Long> v = new ArrayList<>(values);
        Collections.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * v.size());
        return v.get(Math.max(0, rank - 1)) / 1e6;
    }

    private static String met(double wall, double cpu, double target) {
        return wall <= target ? "yes" : cpu <= target ? "on CPU time (wall above it on the shared machine)" : "no";
    }

    private static String ratio(double value, double base) {
        return base <= 0 ? "-" : String.format(Locale.ROOT, "%.2f×", value / base);
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.1f" : "%.0f", v);
    }

    private static long kib(Path p) {
        try {
            return Files.size(p) / 1024;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    static Path labelled() {
        return Path.of(System.getProperty("rollcall.root", ".")).toAbsolutePath().getParent().resolve("shared/faces-labelled");
    }

    /** Real single-face photos of about 1920 px (CompreFace's e2e fixtures), when faces-labelled is beside the repo. */
    private static Map<String, byte[]> oneFacePhotos() throws Exception {
        Map<String, byte[]> photos = new LinkedHashMap<>();
        Path dir = labelled().resolve("compreface");
        if (!Files.isDirectory(dir)) {
            return photos;
        }
        for (String name : ONE_FACE) {
            photos.put(name, Files.readAllBytes(dir.resolve(name)));
        }
        return photos;
    }
}
