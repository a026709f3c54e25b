package io.rollcall.faces.recognition;

import java.util.ArrayList;
import java.util.Arrays;
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
import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FacePipeline;
import org.springframework.stereotype.Service;

/**
 * Every face of an image against one organization's enrolled faces: the code path of both recognizeFrame and
 * POST /recognize. The index proposes the nearest few vectors; Postgres confirms which of them may be matched
 * (same organization, active user, row still there), so a stale index can never produce a wrong person.
 *
 * <p>Open set: a match needs the threshold and a margin over the second-best person (recognition.min_margin),
 * else it is LOW_CONFIDENCE for a human. Every searched face carries its liveness verdict; in enforce mode a
 * match that fails it becomes LIVENESS_REFUSED (docs/faces.md, docs/accuracy.md).
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
        OrganizationSettings thresholds = settings.forOrganization(organizationId);
        double margin = config.organization(organizationId, ConfigKeys.MATCH_MARGIN);
        ConfigKeys.LivenessMode mode = config.organization(organizationId, ConfigKeys.LIVENESS_MODE);
        double livenessThreshold = config.organization(organizationId, ConfigKeys.LIVENESS_THRESHOLD);
        for (int q = 0; q < searchable.size(); q++) {
            int i = searchable.get(q);
            DetectedFace face = faces.get(i);
            LivenessVerdict liveness = LivenessVerdict.of(face.checks().liveness(), mode, livenessThreshold);
            List<SearchResult.Hit> hits = result.hits(q).stream().filter(h -> owners.containsKey(h.id())).toList();
            if (hits.isEmpty()) {
                out.set(i, new RecognizedFace(face, Decision.UNKNOWN, null, null, null, liveness));
                continue;
            }
            UUID bestUser = owners.get(hits.get(0).id()).userId();
            double similarity = clamp(hits.get(0).score());
            // hits are nearest first: the first of another person is the second-best person
            double second = hits.stream().filter(h -> !owners.get(h.id()).userId().equals(bestUser)).findFirst()
                    .map(h -> clamp(h.score())).orElse(0.0);
            Decision decision = Decision.of(similarity, thresholds);
            String note = null;
            if (decision == Decision.MATCH && similarity - second < margin) {
                decision = Decision.LOW_CONFIDENCE;
                note = "the second-best person scores %.2f, within the margin %.2f of %.2f".formatted(second, margin, similarity);
            }
            if (decision == Decision.MATCH && liveness.refuses()) {
                decision = Decision.LIVENESS_REFUSED;
                note = liveness.explanation();
            }
            UUID user = decision == Decision.UNKNOWN ? null : bestUser;
            out.set(i, new RecognizedFace(face, decision, user, similarity, note, liveness));
        }
        return out;
    }

    private static double clamp(float score) {
        return Math.max(0, Math.min(1, score));
    }
}
