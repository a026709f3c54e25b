package io.rollcall.bench.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.rollcall.bench.BenchReport;
import io.rollcall.bench.accuracy.RealPhotoSet;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.faces.pipeline.PipelineSettings;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the three recognition networks cost on this CPU, and the floor that cost sets under issue 11's targets.
 *
 * <p>Each network runs as production runs it (one intra-op thread, denormals flushed, no spinning, all graph
 * optimisations) on real inputs, timed by the CPU time of the calling thread, and once more under ONNX Runtime's
 * profiler. Its arithmetic is counted from a profile of the same model optimised only at the basic level (Conv +
 * BatchNorm folded, no layout change, so no padded channels): 2 × MACs of every Conv and Gemm/MatMul from the
 * shapes the profiler reports. The production profile gives the time per operator kind and each convolution's
 * achieved GFLOP/s. The best rate any of the network's own large convolutions reached is what ONNX Runtime's
 * kernels can do on this core, and the network's FLOPs at that rate are the least time it can take here.
 *
 * <p>Writes the "modelcost" section of docs/benchmarks.md. Never part of the test suite.
 */
public final class ModelCostBenchmark {

    private record Net(String name, String file, long[] shape, Mat blob) {
    }

    /** One operator invocation of a profile: kind, time, FLOPs from its shapes. */
    private record Op(String node, String kind, double micros, double flops) {
    }

    static final int RUNS = 60;
    static final int PROFILED_RUNS = 20;
    static final int WARMUP_RUNS = 5;

    public static void main(String[] args) throws Exception {
        Path models = RealPhotoSet.modelsDir();
        if (args.length == 1 && args[0].equals("--in-pipeline")) {
            double[] r = embedInPipeline(models);
            System.out.printf(Locale.ROOT, "EMBED %f %d%n", r[0], (int) r[1]);
            return;
        }
        Path faces = RealPhotoSet.root().resolve("../shared/faces-labelled/faceapi-bbt").normalize();
        Path frame = models.resolve("photos/sample1.jpg");
        Path face;
        try (var files = Files.list(faces)) {
            face = files.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".png"))
                    .sorted().findFirst().orElseThrow(() -> new IllegalStateException("no faces in " + faces));
        }
        // the inputs as the pipeline shapes them (manifest: normalisation and layout), from real photos
        List<Net> nets = List.of(
                new Net("detector (fr_detect, 320×240)", "fr_detect.onnx", new long[] {1, 3, 240, 320},
                        blobFromImage(imread(frame.toString(), IMREAD_COLOR), 1 / 128.0, new Size(320, 240),
                                new Scalar(127, 127, 127, 0), true, false, CV_32F)),
                new Net("landmarks (fr_landmark, 64×64 grey)", "fr_landmark.onnx", new long[] {1, 1, 64, 64},
                        blobFromImage(imread(face.toString(), IMREAD_GRAYSCALE), 1 / 256.0, new Size(64, 64),
                                new Scalar(0, 0, 0, 0), false, false, CV_32F)),
                new Net("embedding (fr_feature, 112×112)", "fr_feature.onnx", new long[] {1, 3, 112, 112},
                        blobFromImage(imread(face.toString(), IMREAD_COLOR), 1 / 128.0, new Size(112, 112),
                                new Scalar(127, 127, 127, 0), false, false, CV_32F)));

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Path profiles = Files.createTempDirectory("rollcall-ort-profile");
        double mhz = cpuMhz();
        StringBuilder summary = new StringBuilder();
        StringBuilder kinds = new StringBuilder();
        Map<String, double[]> floors = new LinkedHashMap<>();
        StringBuilder layouts = new StringBuilder();
        double bestRate = 0;
        String bestConv = "";
        // sessions are created on this thread, which then runs them: the flush-to-zero ORT sets applies here
        for (Net net : nets) {
            Path file = models.resolve(net.file());
            double cpuMs = timedRuns(env, file, net, RUNS, OptLevel.ALL_OPT);
            double extendedMs = timedRuns(env, file, net, RUNS, OptLevel.EXTENDED_OPT);
            layouts.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", net.name(), extendedMs, cpuMs));
            List<Op> basic = profile(env, file, net, OptLevel.BASIC_OPT, profiles);
            List<Op> production = profile(env, file, net, OptLevel.ALL_OPT, profiles);
            double gflop = basic.stream().mapToDouble(Op::flops).sum() / PROFILED_RUNS / 1e9;
            double convMicros = production.stream().filter(o -> o.flops() > 0).mapToDouble(Op::micros).sum() / PROFILED_RUNS;
            double allMicros = production.stream().mapToDouble(Op::micros).sum() / PROFILED_RUNS;
            // the best sustained rate among this network's big convolutions (≥ 20 MFLOP each: small ones are overhead-bound)
            Map<String, double[]> perNode = new TreeMap<>();
            for (Op o : production) {
                if (o.flops() > 0) {
                    double[] acc = perNode.computeIfAbsent(o.node() + " " + o.kind(), k -> new double[2]);
                    acc[0] += o.flops();
                    acc[1] += o.micros();
                }
            }
            double netBest = 0;
            String netBestNode = "";
            for (Map.Entry<String, double[]> e : perNode.entrySet()) {
                double perRunFlops = e.getValue()[0] / PROFILED_RUNS;
                double rate = e.getValue()[0] / (e.getValue()[1] * 1e3); // GFLOP/s
                if (perRunFlops >= 20e6 && rate > netBest) {
                    netBest = rate;
                    netBestNode = e.getKey();
                }
            }
            if (netBest > bestRate) {
                bestRate = netBest;
                bestConv = net.name() + ": " + netBestNode;
            }
            double achieved = gflop / (cpuMs / 1e3);
            floors.put(net.name(), new double[] {gflop, cpuMs});
            summary.append(String.format(Locale.ROOT, "| %s | %.3f | %.1f | %.1f | %.0f %% | %s |%n",
                    net.name(), gflop, cpuMs, achieved, 100 * convMicros / allMicros,
                    netBest > 0 ? String.format(Locale.ROOT, "%.1f", netBest) : "— (none ≥ 20 MFLOP)"));
            if (net.file().equals("fr_feature.onnx")) {
                kinds.append(byKind(production, allMicros));
            }
        }

        StringBuilder floorRows = new StringBuilder();
        for (Map.Entry<String, double[]> e : floors.entrySet()) {
            double gflop = e.getValue()[0];
            floorRows.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", e.getKey(), e.getValue()[1],
                    gflop / bestRate * 1e3));
        }
        double embedGflop = floors.get(nets.get(2).name())[0];
        double[] inPipeline = embedInPipelineChild();
        String md = """
                ## What the networks cost on this CPU (`io.rollcall.bench.pipeline.ModelCostBenchmark`)

                Each network as production runs it (1 intra-op thread, denormals flushed, no spinning, all graph optimisations), on real inputs (sample1.jpg for the detector, a 150 px face of faces-labelled for the others), %d runs after warm-up: p50 of the calling thread's CPU time. **GFLOP** = 2 × the multiply-adds of every Conv and Gemm/MatMul, counted from the shapes ONNX Runtime's profiler reports for the model optimised at the basic level only (BatchNorm folded, no channel padding). *conv share*: the part of the production profile's operator time spent in those operators. *best conv*: the highest rate any single convolution of ≥ 20 MFLOP reached in the production profile. No peak is derived from the clock: /proc/cpuinfo reports %.0f MHz, at which an AVX2 core with two 256-bit FMA units would peak at %.0f GFLOP/s, and the best convolution reached %.0f, so the core runs above the reported clock (boost) and only measured rates are used.

                | network | GFLOP / run | CPU ms p50 | GFLOP/s | conv share | best conv GFLOP/s |
                |---|---|---|---|---|---|
                %s
                **The floor this sets.** The fastest any of these networks' own convolutions ran was %.1f GFLOP/s (%s); if ONNX Runtime ran all of a network's arithmetic at that rate, with nothing else (no activations, no layout reorders), each network would take at least:

                | network | measured CPU ms | all of it at the best conv's rate ms |
                |---|---|---|
                %s
                Issue 11's embedding target of 8 ms a face asks for %.0f GFLOP/s from this network (%.2f GFLOP): %s.

                **The same network inside the pipeline**, in this run: the production `FacePipeline` (its inference thread, the same session settings) on the one-face CompreFace frames and the face-api samples, %d faces: embed stage p50 %.1f ms of CPU a face (the stage also makes the 112×112 blob and normalises the output, a few µs).

                **Layouts.** ONNX Runtime's *all* level rewrites the convolutions into its blocked NCHWc layout; PRelu has no NCHWc kernel, so every PRelu costs a reorder out of the layout and one back in (the ReorderInput / ReorderOutput rows below). The *extended* level keeps plain NCHW (im2col + SGEMM), with no reorders. CPU ms p50, same inputs:

                | network | extended (NCHW) | all (NCHWc, production) |
                |---|---|---|
                %s

                Time of the embedding network by operator kind (production profile, share of operator time):

                | operator | ms per run | share |
                |---|---|---|
                %s
                """.formatted(RUNS, mhz, 32 * mhz / 1e3, bestRate, summary, bestRate, bestConv, floorRows, embedGflop / 8e-3, embedGflop,
                embedGflop / 8e-3 > bestRate
                        ? "within the FMA peak but above anything ONNX Runtime's kernels reached on this core"
                        : "within what ONNX Runtime's kernels reach on this core", (int) inPipeline[1], inPipeline[0],
                layouts, kinds);
        System.out.println(md);
        BenchReport.write("modelcost", md);
    }

    /**
     * {@link #embedInPipeline} in a new JVM, apart from the sessions this process opened. (Until 2026-12-03 it had to
     * be: ONNX Runtime set flush-to-zero only on the thread of a process's first session; the inference threads now
     * set it themselves.)
     */
    private static double[] embedInPipelineChild() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Drollcall.root=" + RealPhotoSet.root(), "-cp", System.getProperty("java.class.path"),
                ModelCostBenchmark.class.getName(), "--in-pipeline")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new String(child.getInputStream().readAllBytes()).lines().filter(l -> l.startsWith("EMBED "))
                .findFirst().orElseThrow(() -> new IllegalStateException("the pipeline run printed no result"));
        child.waitFor();
        String[] f = line.split(" ");
        return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    }

    /** The production pipeline's embed stage, CPU ms per face (p50 over frames) and the number of faces measured. */
    private static double[] embedInPipeline(Path models) throws Exception {
        FacePipeline pipeline = FacePipeline.open(models, PipelineSettings.defaults());
        List<byte[]> photos = new ArrayList<>(RealPhotoSet.load(false).values());
        Path compreface = RealPhotoSet.root().resolve("../shared/faces-labelled/compreface").normalize();
        for (String name : PipelineBenchmark.ONE_FACE) {
            photos.add(Files.readAllBytes(compreface.resolve(name)));
        }
        List<Double> perFace = new ArrayList<>();
        int faces = 0;
        for (int round = -1; round < 5; round++) { // round -1 warms up
            for (byte[] photo : photos) {
                FacePipeline.Analysis a = pipeline.analyzeTimed(photo);
                if (round >= 0 && !a.faces().isEmpty()) {
                    perFace.add(a.timings().cpu().embed() / 1e6 / a.faces().size());
                    faces += a.faces().size();
                }
            }
        }
        perFace.sort(null);
        return new double[] {perFace.get(perFace.size() / 2), faces};
    }

    /** p50 of the calling thread's CPU time per run, in ms, in the given session configuration. */
    private static double timedRuns(OrtEnvironment env, Path file, Net net, int runs, OptLevel level) throws OrtException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (OrtSession.SessionOptions options = options(level);
             OrtSession session = env.createSession(file.toString(), options)) {
            for (int i = 0; i < 10; i++) {
                run(env, session, net);
            }
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                run(env, session, net);
                ms[i] = (mx.getCurrentThreadCpuTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            return ms[runs / 2];
        }
    }

    private static List<Op> profile(OrtEnvironment env, Path file, Net net, OptLevel level, Path dir) throws Exception {
        try (OrtSession.SessionOptions options = options(level)) {
            options.enableProfiling(dir.resolve(net.file() + "-" + level).toString());
            try (OrtSession session = env.createSession(file.toString(), options)) {
                for (int i = 0; i < WARMUP_RUNS + PROFILED_RUNS; i++) {
                    run(env, session, net);
                }
                return ops(Path.of(session.endProfiling()));
            }
        }
    }

    private static OrtSession.SessionOptions options(OptLevel level) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(level);
        options.setIntraOpNumThreads(1);
        options.addConfigEntry("session.set_denormal_as_zero", "1");
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    private static void run(OrtEnvironment env, OrtSession session, Net net) throws OrtException {
        long total = Arrays.stream(net.shape()).reduce(1, (a, b) -> a * b);
        FloatBuffer input = new FloatPointer(net.blob().data()).capacity(total).asBuffer();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, net.shape());
             OrtSession.Result ignored = session.run(Map.of(session.getInputNames().iterator().next(), tensor))) {
            // outputs are not needed: only the cost
        }
    }

    /** The profile's kernel events, with FLOPs of the matrix-multiplying ones from their input and output shapes. */
    /**
     * The profile's kernel events after the warm-up runs (those that start after the end of the WARMUP_RUNS-th
     * {@code model_run}), with FLOPs of the matrix-multiplying ones from their input and output shapes.
     */
    private static List<Op> ops(Path profile) throws Exception {
        JsonNode events = JsonMapper.builder().build().readTree(Files.readString(profile));
        List<Long> runEnds = new ArrayList<>();
        for (JsonNode e : events) {
            if ("Session".equals(e.path("cat").asString()) && "model_run".equals(e.path("name").asString())) {
                runEnds.add(e.path("ts").asLong() + e.path("dur").asLong());
            }
        }
        runEnds.sort(null);
        long steadyFrom = runEnds.size() > WARMUP_RUNS ? runEnds.get(WARMUP_RUNS - 1) : Long.MIN_VALUE;
        List<Op> ops = new ArrayList<>();
        for (JsonNode e : events) {
            if (!"Node".equals(e.path("cat").asString()) || !e.path("name").asString().endsWith("_kernel_time")
                    || e.path("ts").asLong() < steadyFrom) {
                continue;
            }
            JsonNode a = e.path("args");
            String kind = a.path("op_name").asString();
            ops.add(new Op(e.path("name").asString().replace("_kernel_time", ""), kind, e.path("dur").asDouble(),
                    flops(kind, a.path("input_type_shape"), a.path("output_type_shape"))));
        }
        return ops;
    }

    static double flops(String kind, JsonNode inputs, JsonNode outputs) {
        long[] out = shape(outputs.path(0));
        if (kind.endsWith("Conv")) { // Conv, FusedConv, NCHWc Conv: W is [Cout, Cin/group, kh, kw]
            long[] w = shape(inputs.path(1));
            return 2.0 * product(out, 0) * product(w, 1);
        }
        if (kind.equals("Gemm") || kind.equals("FusedGemm") || kind.equals("MatMul") || kind.equals("FusedMatMul")) {
            long[] x = shape(inputs.path(0));
            return 2.0 * product(out, 0) * x[x.length - 1];
        }
        return 0;
    }

    private static long[] shape(JsonNode typed) {
        if (typed.isMissingNode() || !typed.properties().iterator().hasNext()) {
            return new long[0];
        }
        JsonNode dims = typed.properties().iterator().next().getValue();
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = dims.get(i).asLong();
        }
        return s;
    }

    private static long product(long[] s, int from) {
        long p = 1;
        for (int i = from; i < s.length; i++) {
            p *= s[i];
        }
        return p;
    }

    private static String byKind(List<Op> ops, double allMicros) {
        Map<String, Double> micros = new LinkedHashMap<>();
        for (Op o : ops) {
            micros.merge(o.kind(), o.micros() / PROFILED_RUNS, Double::sum);
        }
        StringBuilder rows = new StringBuilder();
        micros.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> rows.append(String.format(Locale.ROOT, "| %s | %.2f | %.0f %% |%n", e.getKey(),
                        e.getValue() / 1e3, 100 * e.getValue() / allMicros)));
        return rows.toString();
    }

    private static double cpuMhz() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("cpu MHz"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(':') + 1).trim())).max().orElse(0);
        } catch (Exception e) {
            return 0;
        }
    }
}
