package io.rollcall.bench.liveness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.rollcall.bench.BenchReport;
import io.rollcall.bench.accuracy.RealPhotoSet;
import io.rollcall.faces.pipeline.FacePipeline;

/**
 * What the capture checks (issue 14) add to the face pipeline, per face: the liveness network on every face
 * (recognition), and liveness + head pose + eyes (enrollment). The baseline is the same analyses' time without
 * the checks stage (decode, detect, landmarks, align, embed, crop), measured in the same run on the same thread,
 * so the ratio compares like with like. Real photos: the face-api samples and the compreface folder of
 * ../shared/faces-labelled (colour photos of 1 to 5 faces, up to 7360 px).
 */
public final class CaptureChecksBenchmark {

    static final int WARM_UP = 2;
    static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        Map<String, byte[]> photos = new LinkedHashMap<>(RealPhotoSet.load(false));
        Path compreface = RealPhotoSet.root().toAbsolutePath().normalize().getParent().resolve("shared/faces-labelled/compreface");
        if (Files.isDirectory(compreface)) {
            try (Stream<Path> files = Files.list(compreface)) {
                for (Path f : files.filter(p -> p.getFileName().toString().matches("e2e_.*\\.jpg")).sorted().toList()) {
                    photos.put(f.getFileName().toString(), Files.readAllBytes(f));
                }
            }
        }
        try (FacePipeline pipeline = RealPhotoSet.openPipeline()) {
            // per face, ns: [wall, cpu] of the baseline stages, the liveness check, the enrollment checks
            List<long[]> base = new ArrayList<>();
            List<long[]> liveness = new ArrayList<>();
            List<long[]> enrollment = new ArrayList<>();
            int faces = 0;
            for (int r = 0; r < WARM_UP + ROUNDS; r++) {
                for (byte[] photo : photos.values()) {
                    FacePipeline.Analysis a = pipeline.analyzeTimed(photo, FacePipeline.Checks.LIVENESS);
                    FacePipeline.Analysis e = pipeline.analyzeTimed(photo, FacePipeline.Checks.ENROLLMENT);
                    int n = a.faces().size();
                    if (r < WARM_UP || n == 0) {
                        continue;
                    }
                    faces += n;
                    var wall = a.timings().wall();
                    var cpu = a.timings().cpu();
                    base.add(new long[] {(wall.total() - wall.checks()) / n, (cpu.total() - cpu.checks()) / n});
                    liveness.add(new long[] {wall.checks() / n, cpu.checks() / n});
                    enrollment.add(new long[] {e.timings().wall().checks() / n, e.timings().cpu().checks() / n});
                }
            }
            StringBuilder md = new StringBuilder("## Liveness and capture checks (`io.rollcall.bench.liveness.CaptureChecksBenchmark`)\n\n")
                    .append("Per face, p50 over ").append(ROUNDS).append(" rounds of ").append(photos.size())
                    .append(" real photos (").append(faces / ROUNDS).append(" faces a round; after ").append(WARM_UP)
                    .append(" warm-up rounds), production settings (one ONNX thread, denormals flushed, on the `rollcall-onnx` ")
                    .append("thread). *Baseline*: the same analyses without the checks stage (decode, detect, landmarks, align, ")
                    .append("embed, crop; decode and detect are per photo, divided by its faces). Target of issue 14: at most 10 ms ")
                    .append("a face.\n\n| per face | wall ms p50 | CPU ms p50 | wall ms p90 | × baseline (wall p50) | within 10 ms |\n|---|---|---|---|---|---|\n");
            double b = p(base, 0, 50);
            md.append(row("baseline: recognition pipeline without checks", base, b, false));
            md.append(row("liveness (every face: cameras, kiosk, /recognize)", liveness, b, true));
            md.append(row("liveness + pose + eyes (enrollment)", enrollment, b, true));
            md.append("\nThe ratio is the check's time over the baseline's, both per face of the same analyses: ")
                    .append(String.format(Locale.ROOT, "liveness adds %.0f %% to a recognised face, enrollment's checks %.0f %%",
                            100 * p(liveness, 0, 50) / b, 100 * p(enrollment, 0, 50) / b))
                    .append(". Enrollment is one photo at a time, by an operator, so its extra cost matters less.\n");
            BenchReport.write("liveness", md.toString());
        }
    }

    private static String row(String label, List<long[]> t, double baseline, boolean target) {
        double wall = p(t, 0, 50);
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %s | %s |%n", label, wall, p(t, 1, 50), p(t, 0, 90),
                target ? String.format(Locale.ROOT, "+%.2f", wall / baseline) : "1", target ? (wall <= 10 ? "yes" : "**no**") : "");
    }

    private static double p(List<long[]> t, int column, int percentile) {
        List<Long> v = new ArrayList<>(t.stream().map(x -> x[column]).toList());
        Collections.sort(v);
        return v.get(Math.min(v.size() - 1, v.size() * percentile / 100)) / 1e6;
    }
}
