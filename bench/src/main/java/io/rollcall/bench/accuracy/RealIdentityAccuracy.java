package io.rollcall.bench.accuracy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.rollcall.faces.FaceRules;
import io.rollcall.faces.index.Vectors;
import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.faces.pipeline.FaceQuality;
import io.rollcall.faces.pipeline.MatchThresholds;

/**
 * Accuracy on real people photographed on different occasions ({@code ../shared/faces-labelled}, beside the
 * repository): verification over every genuine and impostor pair, and open-set identification with people enrolled
 * as FaceEnrollment would enrol them and others kept out as strangers. Writes one markdown section of
 * docs/accuracy.md (AccuracyReport places it).
 */
final class RealIdentityAccuracy {

    static final List<String> FOLDERS = List.of("faceapi-bbt", "azure-face", "compreface");
    static final int ENROLL_PER_PERSON = 3;
    /** Besides the people with one photo, every STRANGER_EVERY-th of the others (in key order) is a stranger. */
    static final int STRANGER_EVERY = 4;
    /** Match thresholds tabulated for open-set identification, the default among them. */
    static final double[] ALTERNATIVES = {0.40, 0.45, MatchThresholds.DEFAULT_MATCH, 0.55, 0.60};

    /** One labelled photo and what the pipeline found in it. */
    private record Photo(String key, String identity, List<DetectedFace> faces) {
        DetectedFace largest() {
            return faces.stream().max(Comparator.comparingInt(f -> f.box().width() * f.box().height())).orElseThrow();
        }
    }

    /** A probe's outcome: the nearest enrolled person and the cosine of their nearest face, and the runner-up person. */
    private record Probe(String photo, String truth, boolean stranger, String best, double bestCosine, double secondCosine,
                         ByMean byMean) {
    }

    /** Who FaceRecognizer names, and the margin of that person's mean over the second-best candidate's. */
    private record ByMean(String person, double margin) {
    }

    /** A photo judged by eye to be a near-profile view (see the section). */
    static final String PROFILE = "faceapi-bbt/stuart__5.png";

    /** The section for docs/accuracy.md and a bullet for its "Chosen defaults" reasoning. */
    record Result(String section, String reasoning) {
    }

    private final StringBuilder reasoning = new StringBuilder();

    private RealIdentityAccuracy() {
    }

    /**
     * FaceRecognizer's rule since 2026-12-03: among the people of the 8 nearest enrolled photos, the one whose photos'
     * mean is nearest to the face, with the margin read on the means.
     */
    private static ByMean byMean(DetectedFace face, Map<String, List<DetectedFace>> gallery) {
        record Scored(String person, double cosine) {
        }
        List<String> candidates = gallery.entrySet().stream()
                .flatMap(g -> g.getValue().stream().map(f -> new Scored(g.getKey(), f.embedding().cosine(face.embedding()))))
                .sorted(Comparator.comparingDouble(Scored::cosine).reversed()).limit(8).map(Scored::person).distinct().toList();
        float[] query = face.embedding().vector();
        List<Scored> byMean = new ArrayList<>();
        for (String person : candidates) {
            float[] mean = new float[query.length];
            for (DetectedFace f : gallery.get(person)) {
                float[] v = f.embedding().vector();
                for (int t = 0; t < v.length; t++) {
                    mean[t] += v[t];
                }
            }
            Vectors.normalize(mean, mean.length);
            byMean.add(new Scored(person, Vectors.dot(mean, 0, query, 0, query.length)));
        }
        byMean.sort(Comparator.comparingDouble(Scored::cosine).reversed());
        double second = byMean.size() > 1 ? byMean.get(1).cosine() : 0;
        return new ByMean(byMean.get(0).person(), byMean.get(0).cosine() - second);
    }

    static Path labelledDir() {
        return RealPhotoSet.root().toAbsolutePath().normalize().getParent().resolve("shared/faces-labelled");
    }

    /** The section, or a short note saying why there is none. */
    static Result measure(FacePipeline pipeline) throws IOException {
        Path dir = labelledDir();
        if (!Files.isDirectory(dir)) {
            return new Result("## Real identities\n\nNot measured: " + dir + " is missing on this machine.\n\n", "");
        }
        List<Photo> photos = new ArrayList<>();
        for (String folder : FOLDERS) {
            Path labels = dir.resolve(folder).resolve("labels.csv");
            if (!Files.isRegularFile(labels)) {
                continue;
            }
            for (String line : Files.readAllLines(labels).subList(1, Files.readAllLines(labels).size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cols = line.split(",");
                byte[] bytes = Files.readAllBytes(dir.resolve(folder).resolve(cols[0].trim()));
                photos.add(new Photo(folder + "/" + cols[0].trim(), folder + "/" + cols[1].trim(), pipeline.analyze(bytes)));
            }
        }
        System.out.println("labelled: " + photos.size() + " photos");
        RealIdentityAccuracy report = new RealIdentityAccuracy();
        String section = report.write(photos);
        return new Result(section, report.reasoning.toString());
    }

    private String write(List<Photo> all) {
        StringBuilder md = new StringBuilder("## Real identities (../shared/faces-labelled)\n\n");
        long identities = all.stream().map(Photo::identity).distinct().count();
        md.append("Real photos of ").append(identities).append(" people taken on different occasions, ").append(all.size())
                .append(" labelled photos in ").append(FOLDERS.size()).append(" folders (").append(String.join(", ", FOLDERS))
                .append("; see that folder's README for sources and licences; `groups.csv` multi-face photos are not used). ")
                .append("Identities are `<folder>/<identity>`. Every figure comes from the production `FacePipeline` with its ")
                .append("default settings. **This is a small set**: with a few dozen genuine pairs and ")
                .append("probes, a rate has a 95 % interval many points wide (Wilson intervals are given where it matters); ")
                .append("read the tables as where the scores lie, not as a promise of an error rate.\n\n");

        // skipped photos, said plainly
        List<Photo> withFace = all.stream().filter(p -> !p.faces().isEmpty()).toList();
        md.append("**Photos skipped or treated specially.** ");
        List<String> noFace = all.stream().filter(p -> p.faces().isEmpty()).map(Photo::key).toList();
        List<String> several = withFace.stream().filter(p -> p.faces().size() > 1)
                .map(p -> p.key() + " (" + p.faces().size() + ")").toList();
        md.append("No face found, so not used at all: ").append(noFace.isEmpty() ? "none" : String.join(", ", noFace)).append(". ")
                .append("Several faces found (the largest is used for verification and as a probe; such a photo cannot be ")
                .append("enrolled, FaceEnrollment refuses it): ").append(several.isEmpty() ? "none" : String.join(", ", several))
                .append(".\n\n");

        verification(md, withFace);
        identification(md, withFace, ENROLL_PER_PERSON, true);
        identification(md, withFace, 1, false);
        return md.toString();
    }

    // ---------------------------------------------------------------- verification

    private void verification(StringBuilder md, List<Photo> photos) {
        List<Double> genuine = new ArrayList<>();
        List<Double> impostor = new ArrayList<>();
        Map<Double, String> genuineNames = new TreeMap<>();
        Map<Double, String> impostorNames = new TreeMap<>(Comparator.reverseOrder());
        for (int i = 0; i < photos.size(); i++) {
            for (int j = i + 1; j < photos.size(); j++) {
                double c = photos.get(i).largest().embedding().cosine(photos.get(j).largest().embedding());
                boolean same = photos.get(i).identity().equals(photos.get(j).identity());
                (same ? genuine : impostor).add(c);
                (same ? genuineNames : impostorNames).put(c, photos.get(i).key() + " – " + photos.get(j).key());
            }
        }
        Collections.sort(genuine);
        Collections.sort(impostor);
        md.append("### Verification: every pair of photos\n\n")
                .append("The largest face of each of the ").append(photos.size()).append(" photos with a face; every pair: ")
                .append(genuine.size()).append(" genuine pairs (same person, different photos) and ").append(impostor.size())
                .append(" impostor pairs (different people).\n\n");
        md.append(String.format(Locale.ROOT, "- **ROC-AUC %.4f**%n", auc(genuine, impostor)));
        for (double far : new double[] {0.01, 0.001}) {
            int allowed = (int) Math.floor(far * impostor.size());
            double thr = impostor.get(impostor.size() - 1 - allowed); // accept strictly above: at most `allowed` impostors
            long accepted = genuine.stream().filter(g -> g > thr).count();
            md.append(String.format(Locale.ROOT, "- **TAR %.1f %% at FAR %s** (cosine > %.3f; %d of %d impostor pairs above it): %d of %d genuine pairs%n",
                    100.0 * accepted / genuine.size(), far == 0.01 ? "1 %" : "0.1 %", thr, allowed, impostor.size(),
                    accepted, genuine.size()));
        }
        md.append(String.format(Locale.ROOT, "%nFAR 0.1 %% of %d impostor pairs allows %d false accept%s", impostor.size(),
                (int) Math.floor(0.001 * impostor.size()), (int) Math.floor(0.001 * impostor.size()) == 1 ? "" : "s"))
                .append(": the operating point is set by the top few impostor scores, so it says little beyond this set. ")
                .append("The impostor pairs are also not independent (each photo is in many of them).\n\n");
        md.append("| pairs | count | min | p5 | median | p95 | max |\n|---|---|---|---|---|---|---|\n")
                .append(dist("genuine (same person)", genuine)).append(dist("impostor (different people)", impostor)).append("\n");
        md.append("At the current thresholds (match ").append(fmt(MatchThresholds.DEFAULT_MATCH)).append(", low ")
                .append(fmt(MatchThresholds.DEFAULT_LOW)).append("):\n\n")
                .append("| pairs | ≥ match (accepted) | low … match (LOW_CONFIDENCE) | < low (refused as unknown) |\n|---|---|---|---|\n")
                .append(verdicts("genuine", genuine)).append(verdicts("impostor", impostor)).append("\n");
        md.append("Lowest genuine pairs: ").append(named(genuineNames, 5)).append(". Highest impostor pairs: ")
                .append(named(impostorNames, 3)).append(".");
        if (named(genuineNames, 4).contains(PROFILE)) {
            md.append(" Looked at by eye: ").append(PROFILE).append(" is a near-profile view with the face cut by the ")
                    .append("image edge (the other photos of that person are frontal), so its pairs are a pose failure, not a ")
                    .append("label error; an enrollment pose check (issue 14) would refuse such a photo.");
        }
        md.append("\n\n");
        long impostorsAtLow = impostor.stream().filter(x -> x >= MatchThresholds.DEFAULT_LOW).count();
        reasoning.append(String.format(Locale.ROOT, "- Real identities (section above): ROC-AUC %.3f; at match %.2f %d of %d impostor pairs are accepted ",
                        auc(genuine, impostor), MatchThresholds.DEFAULT_MATCH,
                        impostor.stream().filter(x -> x >= MatchThresholds.DEFAULT_MATCH).count(), impostor.size()))
                .append("(highest ").append(fmt(impostor.get(impostor.size() - 1))).append(", ").append(impostorsAtLow)
                .append(" at or above low) and ").append(genuine.stream().filter(g -> g < MatchThresholds.DEFAULT_MATCH).count())
                .append(" of ").append(genuine.size()).append(" genuine pairs are refused (genuine median ")
                .append(fmt(pct(genuine, 50))).append("). ");
        long refused = genuine.stream().filter(g -> g < MatchThresholds.DEFAULT_MATCH).count();
        md.append(String.format(Locale.ROOT, "Genuine-pair refusal rate (not a match at %.2f): **%d of %d = %.1f %%** (95 %% interval %s).%n%n",
                MatchThresholds.DEFAULT_MATCH, refused, genuine.size(), 100.0 * refused / genuine.size(), wilson(refused, genuine.size())));
    }

    private static String named(Map<Double, String> pairs, int n) {
        return String.join("; ", pairs.entrySet().stream().limit(n).map(e -> fmt(e.getKey()) + " " + e.getValue()).toList());
    }

    private static String verdicts(String name, List<Double> c) {
        MatchThresholds t = MatchThresholds.defaults();
        long m = c.stream().filter(x -> t.classify(x) == MatchThresholds.Verdict.MATCH).count();
        long l = c.stream().filter(x -> t.classify(x) == MatchThresholds.Verdict.LOW_CONFIDENCE).count();
        long u = c.size() - m - l;
        return "| " + name + " | " + share(m, c.size()) + " | " + share(l, c.size()) + " | " + share(u, c.size()) + " |\n";
    }

    /** Probability that a random genuine pair scores above a random impostor pair (ties count half). */
    static double auc(List<Double> genuine, List<Double> impostor) {
        double wins = 0;
        for (double g : genuine) {
            for (double i : impostor) {
                wins += g > i ? 1 : g == i ? 0.5 : 0;
            }
        }
        return wins / ((double) genuine.size() * impostor.size());
    }

    // ---------------------------------------------------------------- open-set identification

    private void identification(StringBuilder md, List<Photo> photos, int perPerson, boolean full) {
        FaceRules rules = new FaceRules(80, FaceQuality.DEFAULT_MIN_SIZE_PX, FaceQuality.DEFAULT_MIN_SHARPNESS, 5);
        Map<String, List<Photo>> byPerson = new TreeMap<>();
        photos.forEach(p -> byPerson.computeIfAbsent(p.identity(), k -> new ArrayList<>()).add(p));
        byPerson.values().forEach(l -> l.sort(Comparator.comparing(Photo::key)));

        // strangers: everyone with one photo, and every 4th of the rest in key order
        List<String> strangers = new ArrayList<>();
        List<String> singles = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, List<Photo>> e : byPerson.entrySet()) {
            if (e.getValue().size() < 2) {
                strangers.add(e.getKey());
                singles.add(e.getKey());
            } else if (index++ % STRANGER_EVERY == STRANGER_EVERY - 1) {
                strangers.add(e.getKey());
            }
        }

        // enrol up to 3 photos a known person, in file order, each as FaceEnrollment would (exactly one usable face)
        Map<String, List<DetectedFace>> gallery = new LinkedHashMap<>();
        List<Photo> probes = new ArrayList<>();
        List<String> refusedEnrollment = new ArrayList<>();
        for (Map.Entry<String, List<Photo>> e : byPerson.entrySet()) {
            if (strangers.contains(e.getKey())) {
                probes.addAll(e.getValue());
                continue;
            }
            List<DetectedFace> enrolled = new ArrayList<>();
            for (Photo p : e.getValue()) {
                if (enrolled.size() < perPerson) {
                    try {
                        enrolled.add(rules.enrollable(p.faces()));
                        continue;
                    } catch (RuntimeException refused) {
                        refusedEnrollment.add(p.key() + " (" + refused.getMessage() + ")");
                    }
                }
                probes.add(p);
            }
            if (!enrolled.isEmpty()) {
                gallery.put(e.getKey(), enrolled);
            }
        }
        // a probe is recognised as a camera frame would be: its face must be usable for recognition
        List<String> unrecognizable = new ArrayList<>();
        List<Probe> results = new ArrayList<>();
        for (Photo p : probes) {
            DetectedFace face = p.largest();
            if (rules.unrecognizable(face).isPresent()) {
                unrecognizable.add(p.key() + " (" + rules.unrecognizable(face).get().getMessage() + ")");
                continue;
            }
            String best = null;
            double bestCos = -2;
            double second = -2;
            for (Map.Entry<String, List<DetectedFace>> g : gallery.entrySet()) {
                double c = g.getValue().stream().mapToDouble(f -> f.embedding().cosine(face.embedding())).max().orElse(-2);
                if (c > bestCos) {
                    second = bestCos;
                    bestCos = c;
                    best = g.getKey();
                } else if (c > second) {
                    second = c;
                }
            }
            boolean stranger = !gallery.containsKey(p.identity());
            results.add(new Probe(p.key(), p.identity(), stranger, best, bestCos, second, byMean(face, gallery)));
        }
        List<Probe> known = results.stream().filter(r -> !r.stranger()).toList();
        List<Probe> unknown = results.stream().filter(Probe::stranger).toList();
        int enrolledPhotos = gallery.values().stream().mapToInt(List::size).sum();
        MatchThresholds t = MatchThresholds.defaults();
        long strangersMatched = unknown.stream().filter(r -> t.classify(r.bestCosine()) == MatchThresholds.Verdict.MATCH).count();
        long knownNotMatched = known.stream().filter(r -> t.classify(r.bestCosine()) != MatchThresholds.Verdict.MATCH).count();
        if (full) {
        reasoning.append("Open set at the defaults: ").append(strangersMatched).append(" of ").append(unknown.size())
                .append(" stranger probes matched, ").append(knownNotMatched).append(" of ").append(known.size())
                .append(" enrolled people's probes not matched. ");
        List<String> rows = new ArrayList<>();
        for (double match : ALTERNATIVES) {
            rows.add(table("", new MatchThresholds(match, MatchThresholds.DEFAULT_LOW), 0, known, unknown));
        }
        reasoning.append(rows.stream().distinct().count() == 1
                ? String.format(Locale.ROOT, "Every match threshold from %.2f to %.2f gives the same identification table (no probe scores in that range), so this data does not argue for moving the default; it is too small to tune finer.\n",
                        ALTERNATIVES[0], ALTERNATIVES[ALTERNATIVES.length - 1])
                : "The match thresholds tried change the identification table (see above); the default stays until a larger set confirms a move.\n");
        double margin = io.rollcall.config.ConfigKeys.MATCH_MARGIN.defaultValue();
        long withinMargin = known.stream().filter(r -> t.classify(r.bestCosine()) == MatchThresholds.Verdict.MATCH
                && r.bestCosine() - r.secondCosine() < margin).count();
        long withinMeanMargin = known.stream().filter(r -> t.classify(r.bestCosine()) == MatchThresholds.Verdict.MATCH
                && r.byMean().margin() < margin).count();
        reasoning.append(String.format(Locale.ROOT, "- **Margin %.2f** over the second-best person (`recognition.min_margin`): ", margin))
                .append(withinMargin).append(" of the ").append(known.size())
                .append(" enrolled people's matched probes come that close to a second person here by their nearest photos, and ")
                .append(withinMeanMargin).append(" by the people's means (how FaceRecognizer reads the margin since 2026-12-03)")
                .append(", so it costs nothing measured; it ")
                .append("guards the case this set shows for impostors, look-alike relatives (the highest impostor pairs are a family's ")
                .append("children), where two enrolled people would both clear the threshold. Two-frame agreement (table above) ")
                .append("cuts the stranger matches that lower thresholds let through, and costs an enrolled person whose other ")
                .append("frame fails; at the default no stranger is matched even by one frame, so it is opt-in (`recognition.camera_frames_to_agree` 2), off by default.\n");
        }

        if (!full) {
            long rank1 = known.stream().filter(r -> r.truth().equals(r.best())).count();
            md.append("### Open-set identification, one enrolled photo a person (a harder variant)\n\n")
                    .append("The same people, strangers and rules, but only the first enrollable photo of each person is enrolled (")
                    .append(gallery.size()).append(" people, ").append(enrolledPhotos).append(" photos): ").append(known.size())
                    .append(" probes of enrolled people, ").append(unknown.size()).append(" of strangers. ")
                    .append(String.format(Locale.ROOT, "Rank-1 correct %d of %d = %.1f %% (95 %% interval %s).%n%n",
                            rank1, known.size(), 100.0 * rank1 / known.size(), wilson(rank1, known.size())))
                    .append(TABLE_HEAD);
            for (double match : ALTERNATIVES) {
                String label = String.format(Locale.ROOT, "%.2f", match);
                md.append(table(match == MatchThresholds.DEFAULT_MATCH ? "**" + label + " (default)**" : label,
                        new MatchThresholds(match, MatchThresholds.DEFAULT_LOW), 0, known, unknown));
            }
            md.append("\n");
            reasoning.append("  With one enrolled photo a person the threshold does matter: enrolled people's probes not matched at ");
            List<String> parts = new ArrayList<>();
            for (double match : ALTERNATIVES) {
                MatchThresholds at = new MatchThresholds(match, MatchThresholds.DEFAULT_LOW);
                parts.add(String.format(Locale.ROOT, "%.2f: %d", match,
                        known.stream().filter(r -> at.classify(r.bestCosine()) != MatchThresholds.Verdict.MATCH).count()));
            }
            reasoning.append(String.join(", ", parts)).append(" of ").append(known.size()).append(", and strangers matched: ")
                    .append(unknown.stream().filter(r -> new MatchThresholds(ALTERNATIVES[0], MatchThresholds.DEFAULT_LOW)
                            .classify(r.bestCosine()) == MatchThresholds.Verdict.MATCH).count())
                    .append(" of ").append(unknown.size()).append(" even at ").append(fmt(ALTERNATIVES[0]))
                    .append(" (the highest stranger score there is below it). A lower match threshold would trade those refusals ")
                    .append("against impostor margin that this set is too small to measure; enrolling more photos a person raises the ")
                    .append("genuine scores without that trade.\n");
            return;
        }
        md.append("### Open-set identification\n\n")
                .append("**Gallery**: ").append(gallery.size()).append(" people, ").append(enrolledPhotos)
                .append(" photos (up to ").append(perPerson).append(" a person, in file order, each passing FaceRules.enrollable ")
                .append("as FaceEnrollment requires: exactly one face, at least 80 px, sharp). **Strangers** (never enrolled): ")
                .append(strangers.size()).append(" people — the ").append(singles.size()).append(" with a single photo (")
                .append(String.join(", ", singles)).append(") and every ").append(STRANGER_EVERY).append("th of the others in key order (")
                .append(String.join(", ", strangers.stream().filter(s -> !singles.contains(s)).toList())).append("). ")
                .append("**Probes**: every other photo, its largest face against the nearest enrolled face of each person — ")
                .append(known.size()).append(" of enrolled people, ").append(unknown.size()).append(" of strangers.\n\n");
        md.append("Not enrolled (refused as FaceEnrollment would; used as probes instead): ")
                .append(refusedEnrollment.isEmpty() ? "none" : String.join(", ", refusedEnrollment)).append(". ")
                .append("Probes not recognised (the face fails the recognition quality gate, as on a camera): ")
                .append(unrecognizable.isEmpty() ? "none" : String.join(", ", unrecognizable)).append(".\n\n");
        long rank1 = known.stream().filter(r -> r.truth().equals(r.best())).count();
        long rank1ByMean = known.stream().filter(r -> r.truth().equals(r.byMean().person())).count();
        md.append(String.format(Locale.ROOT, "**Rank-1 correct** (the nearest enrolled person is the right one, whatever the score): %d of %d = %.1f %% (95 %% interval %s). "
                        + "Naming instead the person whose photos' mean is nearest, among those of the 8 nearest photos (FaceRecognizer since 2026-12-03): %d of %d.%n%n",
                rank1, known.size(), 100.0 * rank1 / known.size(), wilson(rank1, known.size()), rank1ByMean, known.size()));

        md.append("At the default thresholds and alternatives (low stays ").append(fmt(MatchThresholds.DEFAULT_LOW))
                .append("). *Correct* = the right person matched; *false accept* = a stranger matched, or an enrolled person ")
                .append("matched as someone else; *false reject* = an enrolled person not matched (LOW_CONFIDENCE or unknown); ")
                .append("LOW_CONFIDENCE goes to a human.\n\n")
                .append(TABLE_HEAD);
        for (double match : ALTERNATIVES) {
            String label = String.format(Locale.ROOT, "%.2f", match);
            md.append(table(match == MatchThresholds.DEFAULT_MATCH ? "**" + label + " (default)**" : label,
                    new MatchThresholds(match, MatchThresholds.DEFAULT_LOW), 0, known, unknown));
        }
        md.append("\nA margin rule on top of the default thresholds: a match also needs the best person's cosine to exceed the ")
                .append("second-best person's by at least m; otherwise it becomes LOW_CONFIDENCE.\n\n")
                .append("| margin m | known: correct | known: wrong person | known: LOW_CONFIDENCE | known: unknown | false rejects | strangers matched | strangers LOW_CONFIDENCE | strangers unknown | false accepts |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (double m : new double[] {0, 0.05, 0.10, 0.15}) {
            md.append(table(String.format(Locale.ROOT, "%.2f", m), MatchThresholds.defaults(), m, known, unknown));
        }
        twoFrames(md, known, unknown);
        List<Double> strangerBest = new ArrayList<>(unknown.stream().map(Probe::bestCosine).toList());
        List<Double> knownBest = new ArrayList<>(known.stream().filter(r -> r.truth().equals(r.best())).map(Probe::bestCosine).toList());
        md.append("\nBest cosine of a probe: ")
                .append(knownBest.isEmpty() ? "" : "enrolled people (right person nearest) " + minMedMax(knownBest) + "; ")
                .append(strangerBest.isEmpty() ? "" : "strangers " + minMedMax(strangerBest)).append(".\n\n");
        md.append("Every enrolled person's probe by its best cosine (lowest first), so a threshold can be read off: ")
                .append(String.join(", ", known.stream().sorted(Comparator.comparingDouble(Probe::bestCosine))
                        .map(r -> r.photo() + " " + fmt(r.bestCosine()) + (r.truth().equals(r.best()) ? "" : " (nearest: " + r.best() + ")")
                                + String.format(Locale.ROOT, " margin %.3f", r.bestCosine() - r.secondCosine())).toList()))
                .append(". The strangers' highest best cosines: ")
                .append(String.join(", ", unknown.stream().sorted(Comparator.comparingDouble(Probe::bestCosine).reversed()).limit(5)
                        .map(r -> r.photo() + " " + fmt(r.bestCosine()) + " (nearest: " + r.best() + ")").toList()))
                .append(".\n\n");
    }

    /**
     * Agreement over two frames, as a camera could require: a person counts only when two frames match the same
     * person. Two probe photos of one person stand for the two frames; they come from different occasions, so real
     * consecutive frames agree more often for enrolled people than this shows (and a stranger's two frames too).
     */
    private static void twoFrames(StringBuilder md, List<Probe> known, List<Probe> strangers) {
        md.append("\n**Agreement over two frames** (cameras): a match counts only when two frames match the same person. Every pair ")
                .append("of probe photos of one person stands for two frames (other occasions, so real consecutive frames, which are ")
                .append("far more alike, agree more often than this for everyone). Single-frame rows are the probes; at the default ")
                .append("threshold nothing changes on this set, so lower thresholds show what each rule buys.\n\n")
                .append("| match threshold | single frame: strangers matched | single frame: known not matched | two frames: stranger pairs matched | two frames: known pairs not matched |\n|---|---|---|---|---|\n");
        for (double match : new double[] {0.20, 0.25, 0.30, 0.35, MatchThresholds.DEFAULT_MATCH}) {
            MatchThresholds t = new MatchThresholds(match, Math.min(match, MatchThresholds.DEFAULT_LOW));
            long sMatched = strangers.stream().filter(r -> t.classify(r.bestCosine()) == MatchThresholds.Verdict.MATCH).count();
            long kMissed = known.stream().filter(r -> !(t.classify(r.bestCosine()) == MatchThresholds.Verdict.MATCH && r.truth().equals(r.best()))).count();
            long[] sPairs = pairs(strangers, t, false);
            long[] kPairs = pairs(known, t, true);
            String label = String.format(Locale.ROOT, "%.2f", match) + (match == MatchThresholds.DEFAULT_MATCH ? " (default)" : "");
            md.append("| ").append(label).append(" | ").append(share(sMatched, strangers.size())).append(" | ")
                    .append(share(kMissed, known.size())).append(" | ").append(share(sPairs[0], sPairs[1])).append(" | ")
                    .append(share(kPairs[1] - kPairs[0], kPairs[1])).append(" |\n");
        }
    }

    /** {matched pairs, pairs}: both probes of a pair of one person matched the same person (the right one, for known people). */
    private static long[] pairs(List<Probe> probes, MatchThresholds t, boolean mustBeRight) {
        long matched = 0;
        long n = 0;
        for (int i = 0; i < probes.size(); i++) {
            for (int j = i + 1; j < probes.size(); j++) {
                Probe a = probes.get(i);
                Probe b = probes.get(j);
                if (!a.truth().equals(b.truth())) {
                    continue;
                }
                n++;
                boolean both = t.classify(a.bestCosine()) == MatchThresholds.Verdict.MATCH
                        && t.classify(b.bestCosine()) == MatchThresholds.Verdict.MATCH && a.best().equals(b.best());
                if (both && (!mustBeRight || a.truth().equals(a.best()))) {
                    matched++;
                }
            }
        }
        return new long[] {matched, n};
    }

    static final String TABLE_HEAD = "| match threshold | known: correct | known: wrong person | known: LOW_CONFIDENCE | known: unknown | false rejects | strangers matched | strangers LOW_CONFIDENCE | strangers unknown | false accepts |\n"
            + "|---|---|---|---|---|---|---|---|---|---|\n";

    private static String table(String label, MatchThresholds t, double margin, List<Probe> known, List<Probe> strangers) {
        int correct = 0, wrong = 0, low = 0, unknown = 0;
        for (Probe r : known) {
            switch (verdict(t, margin, r)) {
                case MATCH -> {
                    if (r.truth().equals(r.best())) {
                        correct++;
                    } else {
                        wrong++;
                    }
                }
                case LOW_CONFIDENCE -> low++;
                case UNKNOWN -> unknown++;
            }
        }
        int sMatch = 0, sLow = 0, sUnknown = 0;
        for (Probe r : strangers) {
            switch (verdict(t, margin, r)) {
                case MATCH -> sMatch++;
                case LOW_CONFIDENCE -> sLow++;
                case UNKNOWN -> sUnknown++;
            }
        }
        int n = known.size();
        return "| " + label + " | " + share(correct, n) + " | " + wrong + " | " + low + " | " + unknown + " | "
                + share(low + unknown, n) + " | " + sMatch + " | " + sLow + " | " + sUnknown + " | "
                + (sMatch + wrong) + " of " + (strangers.size() + n) + " probes |\n";
    }

    private static MatchThresholds.Verdict verdict(MatchThresholds t, double margin, Probe r) {
        MatchThresholds.Verdict v = t.classify(r.bestCosine());
        if (v == MatchThresholds.Verdict.MATCH && r.bestCosine() - r.secondCosine() < margin) {
            return MatchThresholds.Verdict.LOW_CONFIDENCE;
        }
        return v;
    }

    // ---------------------------------------------------------------- formatting

    private static String dist(String name, List<Double> sorted) {
        return "| " + name + " | " + sorted.size() + " | " + fmt(sorted.get(0)) + " | " + fmt(pct(sorted, 5)) + " | "
                + fmt(pct(sorted, 50)) + " | " + fmt(pct(sorted, 95)) + " | " + fmt(sorted.get(sorted.size() - 1)) + " |\n";
    }

    private static String minMedMax(List<Double> c) {
        Collections.sort(c);
        return "min " + fmt(c.get(0)) + ", median " + fmt(c.get(c.size() / 2)) + ", max " + fmt(c.get(c.size() - 1));
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p / 100.0 * sorted.size())));
    }

    private static String share(long k, long n) {
        double pct = n == 0 ? 0 : 100.0 * k / n;
        return String.format(Locale.ROOT, pct > 0 && pct < 1 ? "%d/%d (%.2f %%)" : "%d/%d (%.0f %%)", k, n, pct);
    }

    /** 95 % Wilson score interval for k successes in n, as "a–b %". */
    static String wilson(long k, long n) {
        if (n == 0) {
            return "–";
        }
        double z = 1.96;
        double p = (double) k / n;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z * z / n);
        return String.format(Locale.ROOT, "%.1f–%.1f %%", 100 * Math.max(0, centre - half), 100 * Math.min(1, centre + half));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
