package io.rollcall.bench.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import io.rollcall.bench.BenchReport;
import io.rollcall.bench.accuracy.RealPhotoSet;
import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.faces.pipeline.PipelineSettings;
import io.rollcall.faces.pipeline.PipelineSettings.Decoder;

/**
 * Per-frame latency of the face pipeline on the real photos, split into decode / detect / align / embed, for each
 * decoder and ONNX Runtime thread setting; writes the "pipeline" section of docs/benchmarks.md.
 *
 * <p>Run (after models/fetch.sh): {@code java -Drollcall.root=. -cp <bench class path>
 * io.rollcall.bench.pipeline.PipelineBenchmark [rounds]}. Never part of the test suite.
 */
public final class PipelineBenchmark {

    private record Config(String name, PipelineSettings settings) {
    }

    private record Run(Config config, List<FacePipeline.Timings> frames, List<Long> cpu, int faces) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Map<String, byte[]> photos = RealPhotoSet.load(false);
        Path models = RealPhotoSet.modelsDir();

        long t0 = System.nanoTime();
        FacePipeline first = FacePipeline.open(models);
        long coldOpen = System.nanoTime() - t0;
        t0 = System.nanoTime();
        first.analyze(photos.values().iterator().next());
        long firstFrame = System.nanoTime() - t0;
        first.close();

        PipelineSettings defaults = PipelineSettings.defaults();
        List<Config> configs = List.of(
                new Config("OpenCV imdecode, full resolution (default)", defaults),
                new Config("OpenCV imdecode, IMREAD_REDUCED_COLOR_2", defaults.withDecoder(Decoder.OPENCV_REDUCED_2)),
                new Config("javax.imageio", defaults.withDecoder(Decoder.IMAGEIO)),
                new Config("OpenCV full, 1 ONNX thread", defaults.withIntraOpThreads(1)));
        List<Run> runs = new ArrayList<>();
        List<DetectedFace> reference = new ArrayList<>();
        List<DetectedFace> reduced = new ArrayList<>();
        for (Config config : configs) {
            long open = System.nanoTime();
            try (FacePipeline pipeline = FacePipeline.open(models, config.settings())) {
                open = System.nanoTime() - open;
                for (byte[] photo : photos.values()) { // warm-up
                    pipeline.analyze(photo);
                }
                List<FacePipeline.Timings> frames = new ArrayList<>();
                List<Long> cpu = new ArrayList<>();
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                int faces = 0;
                for (int r = 0; r < rounds; r++) {
                    for (byte[] photo : photos.values()) {
                        long cpu0 = threads.getCurrentThreadCpuTime();
                        FacePipeline.Analysis a = pipeline.analyzeTimed(photo);
                        cpu.add(threads.getCurrentThreadCpuTime() - cpu0);
                        frames.add(a.timings());
                        faces += a.faces().size();
                        if (r == 0 && config.settings().decoder() == Decoder.OPENCV && config.settings().intraOpThreads() == 0) {
                            reference.addAll(a.faces());
                        }
                        if (r == 0 && config.settings().decoder() == Decoder.OPENCV_REDUCED_2) {
                            reduced.addAll(a.faces());
                        }
                    }
                }
                runs.add(new Run(config, frames, cpu, faces));
                System.out.printf(Locale.ROOT, "%s: p50 total %.1f ms (session open %.0f ms)%n", config.name(),
                        pct(frames, FacePipeline.Timings::total, 50), open / 1e6);
            }
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        BenchReport.write("pipeline", markdown(photos.size(), rounds, coldOpen, firstFrame, runs, reference, reduced,
                loadBefore, loadAfter));
    }

    private static String markdown(int photos, int rounds, long coldOpen, long firstFrame, List<Run> runs,
                                   List<DetectedFace> reference, List<DetectedFace> reduced, String loadBefore, String loadAfter) {
        StringBuilder md = new StringBuilder("## Face pipeline (decode → detect → align → embed)\n\n");
        md.append("`io.rollcall.bench.pipeline.PipelineBenchmark`: the ").append(photos)
                .append(" face-api sample photos (1920 px wide, 3–5 faces, 22 faces in all) × ").append(rounds)
                .append(" rounds after one warm-up round, one frame at a time on one thread. ")
                .append("*detect* is the resize to 320×240 and the detector with NMS; *align* is the landmark network and the ")
                .append("similarity warp, summed over the frame's faces; *embed* the embedding network, summed over the faces; ")
                .append("*extras* the quality signals and the JPEG crop. Milliseconds per frame, wall clock. The last column is ")
                .append("the CPU time of the calling thread per frame: with one ONNX thread nearly all the work runs there, so it ")
                .append("approximates the latency on an idle single core and is much less disturbed by other load than wall time.\n\n");
        md.append("| configuration | frames | decode p50 / p99 | detect p50 / p99 | align p50 / p99 | embed p50 / p99 | extras p50 | **total p50 / p99** | embed per face p50 | calling thread on-CPU p50 |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Run run : runs) {
            List<FacePipeline.Timings> f = run.frames();
            double perFace = pct(f, FacePipeline.Timings::embed, 50) / (run.faces() / (double) f.size());
            md.append("| ").append(run.config().name()).append(" | ").append(f.size())
                    .append(" | ").append(pair(f, FacePipeline.Timings::decode))
                    .append(" | ").append(pair(f, FacePipeline.Timings::detect))
                    .append(" | ").append(pair(f, FacePipeline.Timings::align))
                    .append(" | ").append(pair(f, FacePipeline.Timings::embed))
                    .append(" | ").append(ms(pct(f, FacePipeline.Timings::extras, 50)))
                    .append(" | **").append(pair(f, FacePipeline.Timings::total)).append("**")
                    .append(" | ").append(ms(perFace))
                    .append(" | ").append(ms(median(run.cpu()) / 1e6)).append(" |\n");
        }
        md.append(String.format(Locale.ROOT, "%nCold start in a fresh JVM: `FacePipeline.open` %.0f ms (loading the OpenCV and ONNX Runtime ", coldOpen / 1e6))
                .append(String.format(Locale.ROOT, "natives, sha256 of the models, three sessions), then the first frame %.0f ms.%n%n", firstFrame / 1e6));
        md.append("**Decoder comparison.** ").append(decoderSummary(runs)).append(" ")
                .append(reducedSummary(reference, reduced)).append("\n\n");
        md.append("**Reading.** The embedding network dominates once a frame has faces: it runs once per face, so a frame's ")
                .append("cost grows with its number of faces; decoding is the largest per-frame fixed cost. OpenCV's full-resolution ")
                .append("decode stays the default: it is faster than ImageIO and keeps full detail for the face crops that are ")
                .append("embedded; the reduced decode saves decode time but embeds from half-resolution faces. ")
                .append("One ONNX thread versus the default (one per core) shows whether intra-op parallelism pays on this ")
                .append("machine; on a Lambda with one or two vCPUs keep the default unless the numbers above say otherwise.\n\n");
        md.append("Load average (1/5/15 min) before: `").append(loadBefore).append("`, after: `").append(loadAfter)
                .append("` on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores: a load well above the core count means other work shared the machine and the absolute ")
                .append("numbers are pessimistic; compare rows.");
        return md.toString();
    }

    private static String decoderSummary(List<Run> runs) {
        StringBuilder s = new StringBuilder("Decode p50 per 1920 px JPEG:");
        for (Run run : runs) {
            if (run.config().settings().intraOpThreads() == 0) {
                s.append(" ").append(run.config().name()).append(" ").append(ms(pct(run.frames(), FacePipeline.Timings::decode, 50))).append(" ms;");
            }
        }
        return s.substring(0, s.length() - 1) + ".";
    }

    private static String reducedSummary(List<DetectedFace> reference, List<DetectedFace> reduced) {
        List<Double> cos = new ArrayList<>();
        for (DetectedFace face : reference) {
            DetectedFace best = null;
            double bestIou = 0.5;
            for (DetectedFace other : reduced) {
                double iou = face.box().iou(other.box());
                if (iou > bestIou) {
                    best = other;
                    bestIou = iou;
                }
            }
            if (best != null) {
                cos.add(face.embedding().cosine(best.embedding()));
            }
        }
        Collections.sort(cos);
        if (cos.isEmpty()) {
            return "The reduced decode found none of the full-resolution faces.";
        }
        return String.format(Locale.ROOT, "The reduced decode found %d of the %d faces (%d in all); the same face embedded "
                        + "from the half-resolution and the full-resolution image: cosine min %.3f, median %.3f.",
                cos.size(), reference.size(), reduced.size(), cos.get(0), cos.get(cos.size() / 2));
    }


    private static String pair(List<FacePipeline.Timings> frames, ToLongFunction<FacePipeline.Timings> stage) {
        return ms(pct(frames, stage, 50)) + " / " + ms(pct(frames, stage, 99));
    }

    /** Nearest-rank percentile, in milliseconds. */
    private static double pct(List<FacePipeline.Timings> frames, ToLongFunction<FacePipeline.Timings> stage, int p) {
        List<Long> v = new ArrayList<>(frames.stream().map(stage::applyAsLong).toList());
        Collections.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * v.size());
        return v.get(Math.max(0, rank - 1)) / 1e6;
    }

    private static double median(List<Long> values) {
        List<Long> v = new ArrayList<>(values);
        Collections.sort(v);
        return v.get(v.size() / 2);
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.1f" : "%.0f", v);
    }
}
