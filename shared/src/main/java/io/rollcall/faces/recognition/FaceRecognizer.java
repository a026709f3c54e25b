package io.rollcall.faces.recognition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.config.OrganizationSettings;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.faces.FaceRejectedException;
import io.rollcall.faces.FaceRules;
import io.rollcall.faces.gallery.Gallery;
import io.rollcall.faces.gallery.GalleryVectors;
import io.rollcall.faces.index.SearchResult;
import io.rollcall.faces.index.Vectors;
import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FacePipeline;
import org.springframework.stereotype.Service;

/**
 * Every face of an image against one organization's enrolled faces: the code path of both recognizeFrame and
 * POST /recognize. The index proposes the nearest few vectors; Postgres confirms which of them may be matched
 * (same organization, active user, row still there), so a stale index can never produce a wrong person.
 *
 * <p>The candidate people are ranked by how close the face is to the mean of each one's photos; the thresholds
 * read the nearest photo, as calibrated. Open set: a match needs the threshold, the nearest photo to be the best
 * person's, and the best person's mean a margin (recognition.min_margin) above the second-best person's, else it
 * is LOW_CONFIDENCE for a human. Every searched face carries its liveness verdict; in enforce mode a match that
 * fails it becomes LIVENESS_REFUSED (docs/faces.md, docs/accuracy.md).
 */
@Service
public class FaceRecognizer {

    /** Neighbours asked of the index per face: room for a few that turn out not matchable. */
    static final int CANDIDATES = 8;

    private final FacePipeline pipeline;
    private final FaceRules rules;
    private final Gallery gallery;
    private final GalleryVectors vectors;
    private final OrganizationSettingsService settings;
    private final ConfigStore config;

    public FaceRecognizer(FacePipeline pipeline, FaceRules rules, Gallery gallery, GalleryVectors vectors,
                          OrganizationSettingsService settings, ConfigStore config) {
        this.pipeline = pipeline;
        this.rules = rules;
        this.gallery = gallery;
        this.vectors = vectors;
        this.settings = settings;
        this.config = config;
    }

    /** Decodes and analyses the image (ImageRejectedException when it is not one) and recognises every face. */
    public List<RecognizedFace> recognize(UUID organizationId, byte[] image) {
        return recognize(organizationId, pipeline.analyze(image));
    }

    public List<RecognizedFace> recognize(UUID organizationId, List<DetectedFace> faces) {
        List<RecognizedFace> out = new ArrayList<>(faces.size());
        List<Integer> searchable = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            DetectedFace face = faces.get(i);
            Optional<FaceRejectedException> why = rules.unrecognizable(face);
            out.add(why.map(e -> new RecognizedFace(face, Decision.UNUSABLE, null, null, e.getMessage(), null)).orElse(null));
            if (why.isEmpty()) {
                searchable.add(i);
            }
        }
        if (searchable.isEmpty()) {
            return out;
        }
        int d = gallery.dimension();
        float[] queries = new float[searchable.size() * d];
        for (int q = 0; q < searchable.size(); q++) {
            System.arraycopy(faces.get(searchable.get(q)).embedding().vector(), 0, queries, q * d, d);
        }
        SearchResult result = gallery.search(organizationId, queries, CANDIDATES);
        Map<Long, GalleryVectors.Owner> owners = vectors.matchable(organizationId,
                Arrays.stream(result.ids()).filter(id -> id != SearchResult.NONE).distinct().toArray());
        Map<UUID, float[]> centroids = vectors.centroids(organizationId,
                owners.values().stream().map(GalleryVectors.Owner::userId).distinct().toList(), pipeline.modelVersion());
        OrganizationSettings thresholds = settings.forOrganization(organizationId);
        double margin = config.organization(organizationId, ConfigKeys.MATCH_MARGIN);
        ConfigKeys.LivenessMode mode = config.organization(organizationId, ConfigKeys.LIVENESS_MODE);
        double livenessThreshold = config.organization(organizationId, ConfigKeys.LIVENESS_THRESHOLD);
        for (int q = 0; q < searchable.size(); q++) {
            int i = searchable.get(q);
            DetectedFace face = faces.get(i);
            LivenessVerdict liveness = LivenessVerdict.of(face.checks().liveness(), mode, livenessThreshold);
            // each candidate person's nearest photo, nearest person first
            Map<UUID, Double> nearestPhoto = new LinkedHashMap<>();
            for (SearchResult.Hit hit : result.hits(q)) {
                GalleryVectors.Owner owner = owners.get(hit.id());
                if (owner != null) {
                    nearestPhoto.putIfAbsent(owner.userId(), clamp(hit.score()));
                }
            }
            if (nearestPhoto.isEmpty()) {
                out.set(i, new RecognizedFace(face, Decision.UNKNOWN, null, null, null, liveness));
                continue;
            }
            UUID nearest = nearestPhoto.keySet().iterator().next();
            Fit fit = Fit.of(face.embedding().vector(), nearestPhoto, centroids);
            UUID best = fit.best();
            double similarity = nearestPhoto.get(best);
            // the thresholds read the nearest photo of anyone, as they were calibrated (docs/accuracy.md)
            Decision decision = Decision.of(nearestPhoto.get(nearest), thresholds);
            String note = null;
            if (decision == Decision.MATCH && !best.equals(nearest)) {
                decision = Decision.LOW_CONFIDENCE;
                note = "another person's photo scores %.2f, above this person's best %.2f, though this person's photos together fit better"
                        .formatted(nearestPhoto.get(nearest), similarity);
            } else if (decision == Decision.MATCH && fit.margin() < margin) {
                decision = Decision.LOW_CONFIDENCE;
                note = "the second-best person's photos together score %.2f, within the margin %.2f of this person's %.2f"
                        .formatted(fit.secondScore(), margin, fit.bestScore());
            }
            if (decision == Decision.MATCH && liveness.refuses()) {
                decision = Decision.LIVENESS_REFUSED;
                note = liveness.explanation();
            }
            UUID user = decision == Decision.UNKNOWN ? null : best;
            out.set(i, new RecognizedFace(face, decision, user, similarity, note, liveness));
        }
        return out;
    }

    /**
     * The candidates ranked by how close the face is to each one as a whole, the mean of their photos: one photo of
     * another person can come nearer than any of the right person's, their mean far less often (at 1M faces, half
     * as many wrong people at rank 1). The margin is read on the same scores: at 1M it lets 0.88 of the faces match
     * where the nearest photos' margin let 0.84, with fewer wrong people matched (docs/faces.md). A candidate without
     * a mean (no vector of this model) is scored by its nearest photo.
     */
    private record Fit(UUID best, double bestScore, double secondScore) {

        static Fit of(float[] query, Map<UUID, Double> nearestPhoto, Map<UUID, float[]> centroids) {
            UUID best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            double secondScore = 0; // no second candidate: nothing to be confused with
            for (Map.Entry<UUID, Double> candidate : nearestPhoto.entrySet()) {
                float[] centroid = centroids.get(candidate.getKey());
                double score = centroid == null ? candidate.getValue() : Vectors.dot(query, 0, centroid, 0, query.length);
                if (score > bestScore) {
                    secondScore = best == null ? secondScore : bestScore;
                    bestScore = score;
                    best = candidate.getKey();
                } else if (score > secondScore) {
                    secondScore = score;
                }
            }
            return new Fit(best, bestScore, secondScore);
        }

        double margin() {
            return bestScore - secondScore;
        }
    }

    private static double clamp(float score) {
        return Math.max(0, Math.min(1, score));
    }
}
