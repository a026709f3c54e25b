package io.rollcall.bench.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.bench.BenchReport;
import io.rollcall.faces.enrollment.FaceEnrollment;
import io.rollcall.faces.gallery.Gallery;
import io.rollcall.faces.imports.ImportFiles;
import io.rollcall.faces.imports.ImportPeople;
import io.rollcall.faces.imports.ImportRows;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.faces.pipeline.PipelineSettings;
import io.rollcall.functions.RollCallFunctions;
import io.rollcall.identity.NewUser;
import io.rollcall.identity.UserService;
import io.rollcall.testing.TestEnvironment;
import io.rollcall.faces.imports.PhotoZips;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Bulk enrollment against today's way of enrolling many people (the baseline, in the same run): POST /users with a
 * password, then one enrollment per photo, each rewriting the organization's index snapshot. Both into an
 * organization whose index already holds {@link #SEEDED} vectors (random; only their size matters here), with the
 * real photos of ../shared/faces-labelled (every identity, every photo: 26 people, their sizes as they come).
 */
public final class ImportBenchmark {

    static final int SEEDED = 10_000;
    static final int DEFAULT_RUNS = 3;

    public static void main(String[] args) throws Exception {
        TestEnvironment env = TestEnvironment.install();
        Path labelled = env.root().getParent().resolve("shared/faces-labelled");
        if (!Files.isDirectory(labelled)) {
            throw new IllegalStateException("needs the identity-labelled photos in " + labelled);
        }
        Map<String, List<byte[]>> people = people(labelled);
        int photos = people.values().stream().mapToInt(List::size).sum();
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RollCallFunctions.class).run()) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            Gallery gallery = ctx.getBean(Gallery.class);
            UserService users = ctx.getBean(UserService.class);
            FaceEnrollment enrollment = ctx.getBean(FaceEnrollment.class);
            ImportPeople imports = ctx.getBean(ImportPeople.class);

            Actor baselineAdmin = organization(jdbc, gallery, "base");
            long t0 = System.nanoTime();
            long v0 = version(jdbc, baselineAdmin.organizationId());
            int refusedOneByOne = 0;
            for (Map.Entry<String, List<byte[]>> person : people.entrySet()) {
                UUID user = users.create(baselineAdmin, new NewUser("b-" + person.getKey(), "bench-password-1", "USER", null,
                        person.getKey(), null, null)).id();
                for (byte[] photo : person.getValue()) {
                    try {
                        enrollment.enroll(baselineAdmin, user, photo);
                    } catch (RuntimeException refused) {
                        refusedOneByOne++;
                    }
                }
            }
            double baselineSeconds = (System.nanoTime() - t0) / 1e9;
            long baselineSnapshots = version(jdbc, baselineAdmin.organizationId()) - v0;

            double perPhotoBaseline = baselineSeconds * 1000 / photos;
            StringBuilder table = new StringBuilder();
            table.append("| baseline: POST /users (Argon2 password) + one enrollment per photo | %.1f s | %.0f ms | | %d | %.0f min |\n"
                    .formatted(baselineSeconds, perPhotoBaseline, baselineSnapshots, perPhotoBaseline * 30_000 / 60_000));
            String counted = "";
            double perPhotoDefault = 0;
            int enrolledDefault = 0;
            List<ImportPeople.Analysis> steps = List.of(
                    new ImportPeople.Analysis(PipelineSettings.Decoder.OPENCV, 0),
                    new ImportPeople.Analysis(PipelineSettings.Decoder.OPENCV_REDUCED_AUTO, 0),
                    new ImportPeople.Analysis(PipelineSettings.Decoder.OPENCV_REDUCED_AUTO, 1),
                    ImportPeople.Analysis.DEFAULT);
            List<String> names = List.of("import, full decode, one thread (the enrollment checks fixed)",
                    "+ JPEGs decoded at 1/2-1/8 (OPENCV_REDUCED_AUTO)",
                    "+ the next photos analysed on a second thread",
                    "+ %d photos analysed at once, one per flushing inference thread (the default)"
                            .formatted(ImportPeople.Analysis.DEFAULT.lookaheadThreads()));
            List<String> labels = List.of("full decode", "reduced", "look-ahead", "default");
            for (int step = 0; step < steps.size(); step++) {
                imports.analysis(steps.get(step));
                // the default is what the target is judged on: three runs, each in its own organization, the median kept
                int runs = step == steps.size() - 1 ? DEFAULT_RUNS : 1;
                double[] perPhotoRuns = new double[runs];
                double[] secondsRuns = new double[runs];
                long importSnapshots = 0;
                ImportRows.Counts counts = null;
                for (int run = 0; run < runs; run++) {
                    ImportRun done = importOnce(env, jdbc, gallery, imports, people, "i" + step + "r" + run);
                    secondsRuns[run] = done.seconds();
                    perPhotoRuns[run] = done.seconds() * 1000 / photos;
                    importSnapshots = done.snapshots();
                    counts = done.counts();
                }
                double importSeconds = median(secondsRuns);
                double perPhoto = median(perPhotoRuns);
                perPhotoDefault = perPhoto;
                String spread = runs == 1 ? "" : " (median of %d runs: %.0f-%.0f ms)".formatted(runs,
                        Arrays.stream(perPhotoRuns).min().orElseThrow(), Arrays.stream(perPhotoRuns).max().orElseThrow());
                table.append("| %s | %.1f s | %.0f ms%s | %.2fx | %d | %.0f min |\n".formatted(names.get(step), importSeconds,
                        perPhoto, spread, perPhotoBaseline / perPhoto, importSnapshots, perPhoto * 30_000 / 60_000));
                enrolledDefault = counts.photosEnrolled();
                counted += " %s: %d enrolled, %d refused;".formatted(labels.get(step),
                        counts.photosEnrolled(), counts.photosFound() - counts.photosEnrolled());
            }
            imports.analysis(ImportPeople.Analysis.DEFAULT);
            String stages = stages(ctx.getBean(FacePipeline.class), people);

            BenchReport.write("imports", """
                    ## Bulk enrollment

                    %d people, %d photos (every photo of ../shared/faces-labelled, 150 to 7,360 px, as they come), into an
                    organization whose index already holds %,d vectors; the machine (2 cores) shared with other work.
                    Each import step runs in an organization of its own, after the baseline, in the same process.

                    | path | total | per photo | vs baseline | index snapshots written | extrapolated to 10,000 people × 3 photos |
                    |---|---|---|---|---|---|
                    %s
                    Photos enrolled and refused (each refusal's reason is in the job's rows):%s one by one, %d were
                    refused. The extrapolation is linear in photos; the baseline's snapshot rewrite also grows with the
                    index (%,d vectors here, ~2 KiB each, rewritten per photo), which a linear extrapolation understates.

                    Where a photo's time goes in the face pipeline (the same %d photos, enrollment checks, mean wall ms a
                    photo, second of two passes):

                    | decoded at | decode | detect | landmarks + align | embed | checks (liveness, pose, eyes) | crop, rest | pipeline total |
                    |---|---|---|---|---|---|---|---|
                    %s
                    The 15-minute target (30 ms a photo) is **%s on this CPU**: %.0f ms a photo, %.0f minutes extrapolated.
                    It depends on the CPU more than on anything else here: on 2026-12-03 the same code measured 37 ms a
                    photo (18 minutes, not met) with a 43.5 ms pipeline on an AMD EPYC of family 25 model 1 (AVX2 only),
                    and 17-22 ms (9-11 minutes) with a 17-19 ms pipeline on one of family 26 model 2 (AVX-512) that
                    evening. The decode, whose libjpeg-turbo uses AVX2 on both, ran ~1.9x faster there, the networks
                    2.5-3x: the rest is most likely ONNX Runtime's AVX-512 kernels, which it picks where the CPU has them.
                    Lambda's x86_64 CPUs have AVX2, not always AVX-512: on Lambda plan for the slower figure.
                    The face pipeline itself costs %.1f ms of one core a photo at reduced decode (above, %.0f %% of it the
                    enrollment checks); two inference threads analyse two photos at once (`InferenceThreads`, each
                    setting flush-to-zero itself), 1.8x one thread's rate when nothing else runs. What the same two
                    cores also carry is the runner's own work (the duplicate search, the photo's upload, the rows), the
                    in-process S3 and SQS emulators and Postgres. Since 2026-12-03 the runner stores a person in one
                    transaction and relays a batch's audit records in one go: before, two queue calls and ~8 autocommits
                    a person cost 1.5 s of the default run's 3.5 s (user creation 734 -> 174 ms, audit 517 -> 29 ms,
                    embeddings 230 -> 75 ms, timed in the runner), and the runner, not the analysis, set the pace. Now
                    the run is CPU-bound: the analysis's ~%.0f ms of CPU a photo plus the storing's, on two cores. Tried
                    on 2026-12-02 and not kept: two intra-op threads per session (ROLLCALL_ONNX_THREADS=2: 39 ms a photo
                    against 34 with one, 94 ms with spinning pool threads), and only the networks on the inference
                    thread with two look-ahead threads decoding and aligning (36 ms against 34). Only %d of these %d
                    photos pass the checks; a real import's photos mostly do, and each stored photo adds its upload and
                    rows.
                    """.formatted(people.size(), photos, SEEDED, table, counted, refusedOneByOne, SEEDED, photos, stages,
                    perPhotoDefault <= 30 ? "met" : "not met", perPhotoDefault, perPhotoDefault * 30_000 / 60_000,
                    reducedPipelineMs, 100 * reducedChecksMs / reducedPipelineMs, reducedPipelineMs, enrolledDefault, photos));
        }
        System.exit(0);
    }

    /** One import's timing: the seconds of runDue, the index snapshots it wrote and the job's counts. */
    private record ImportRun(double seconds, long snapshots, ImportRows.Counts counts) {
    }

    /** Every person and photo imported into a new organization, usernames prefixed with {@code tag} (unique platform-wide). */
    private static ImportRun importOnce(TestEnvironment env, JdbcTemplate jdbc, Gallery gallery, ImportPeople imports,
                                        Map<String, List<byte[]>> people, String tag) {
        Actor admin = organization(jdbc, gallery, tag);
        ImportPeople.Created created = imports.create(admin);
        StringBuilder csv = new StringBuilder("username,name\n");
        Map<String, byte[]> zip = new LinkedHashMap<>();
        for (Map.Entry<String, List<byte[]>> person : people.entrySet()) {
            csv.append(tag).append('-').append(person.getKey()).append(',').append(person.getKey()).append('\n');
            for (int n = 0; n < person.getValue().size(); n++) {
                zip.put(tag + "-" + person.getKey() + "/" + n + ".jpg", person.getValue().get(n));
            }
        }
        try (S3Client s3 = env.s3()) {
            s3.putObject(r -> r.bucket(TestEnvironment.BUCKET).key(created.job().peopleKey()), RequestBody.fromString(csv.toString()));
            s3.putObject(r -> r.bucket(TestEnvironment.BUCKET).key(created.job().photosKey()), RequestBody.fromBytes(PhotoZips.of(zip)));
        }
        imports.start(admin, created.job().id());
        long v0 = version(jdbc, admin.organizationId());
        long t0 = System.nanoTime();
        imports.runDue(Instant.now().plusSeconds(3600));
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new ImportRun(seconds, version(jdbc, admin.organizationId()) - v0,
                imports.progress(admin.organizationId(), created.job().id()).counts());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The reduced decode's mean pipeline and checks time a photo, set by {@link #stages}. */
    private static double reducedPipelineMs;
    private static double reducedChecksMs;

    /** Mean wall time per stage of the pipeline on every photo, at full and at reduced decode: table rows. */
    private static String stages(FacePipeline pipeline, Map<String, List<byte[]>> people) {
        List<byte[]> all = people.values().stream().flatMap(List::stream).toList();
        StringBuilder rows = new StringBuilder();
        for (PipelineSettings.Decoder decoder : List.of(PipelineSettings.Decoder.OPENCV, PipelineSettings.Decoder.OPENCV_REDUCED_AUTO)) {
            long[] sum = new long[7];
            for (int pass = 0; pass < 2; pass++) {
                for (byte[] photo : all) {
                    FacePipeline.Stages w;
                    try {
                        w = pipeline.analyzeTimed(photo, FacePipeline.Checks.ENROLLMENT, decoder).timings().wall();
                    } catch (RuntimeException rejected) {
                        continue;
                    }
                    if (pass == 1) {
                        long[] add = {w.decode(), w.detect(), w.landmarks() + w.align(), w.embed(), w.checks(), w.extras(), w.total()};
                        for (int i = 0; i < add.length; i++) {
                            sum[i] += add[i];
                        }
                    }
                }
            }
            rows.append("| ").append(decoder == PipelineSettings.Decoder.OPENCV ? "full" : "1/2-1/8 (REDUCED_AUTO)");
            for (long ns : sum) {
                rows.append(" | %.1f".formatted(ns / 1e6 / all.size()));
            }
            rows.append(" |\n");
            reducedPipelineMs = sum[6] / 1e6 / all.size();
            reducedChecksMs = sum[4] / 1e6 / all.size();
        }
        return rows.toString();
    }

    /** identity (folder_identity) → its photos, from each folder's labels.csv. */
    private static Map<String, List<byte[]>> people(Path labelled) throws Exception {
        Map<String, List<byte[]>> people = new LinkedHashMap<>();
        for (String folder : List.of("azure-face", "compreface", "faceapi-bbt")) {
            List<String> lines = Files.readAllLines(labelled.resolve(folder).resolve("labels.csv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] cols = line.split(",");
                String id = (folder + "_" + cols[1]).toLowerCase().replaceAll("[^a-z0-9_]", "_");
                people.computeIfAbsent(id, k -> new ArrayList<>()).add(Files.readAllBytes(labelled.resolve(folder).resolve(cols[0])));
            }
        }
        return people;
    }

    private static Actor organization(JdbcTemplate jdbc, Gallery gallery, String prefix) {
        UUID org = UUID.randomUUID();
        jdbc.update("INSERT INTO organizations (id, name, legal_name, code) VALUES (?, 'Bench', 'Bench', ?)", org, prefix + "-" + org);
        UUID admin = UUID.randomUUID();
        jdbc.update("INSERT INTO users (id, organization_id, username, password_hash, role_id) VALUES (?, ?, ?, 'x', 1)",
                admin, org, prefix + "-admin-" + admin);
        Random random = new Random(7);
        gallery.change(org, change -> {
            for (int i = 0; i < SEEDED; i++) {
                float[] v = new float[gallery.dimension()];
                double norm = 0;
                for (int d = 0; d < v.length; d++) {
                    v[d] = (float) random.nextGaussian();
                    norm += v[d] * v[d];
                }
                for (int d = 0; d < v.length; d++) {
                    v[d] /= (float) Math.sqrt(norm);
                }
                change.add(2_000_000_000L + i, v);   // far from the sequence's ids; no row owns them
            }
            return null;
        });
        return new Actor(org, admin, null, "bench");
    }

    private static long version(JdbcTemplate jdbc, UUID org) {
        List<Long> v = jdbc.queryForList("SELECT version FROM face_indexes WHERE organization_id = ?", Long.class, org);
        return v.isEmpty() ? 0 : v.get(0);
    }
}
