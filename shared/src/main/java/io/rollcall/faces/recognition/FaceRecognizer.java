package io.rollcall.faces.recognition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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

    public FaceRecognizer(FacePipeline pipeline, FaceRules rules, Gallery gallery, GalleryVectors vectors,
                          OrganizationSettingsService settings) {
        this.pipeline = pipeline;
        this.rules = rules;
        this.gallery = gallery;
        this.vectors = vectors;
        this.settings = settings;
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
            out.add(why.map(e -> new RecognizedFace(face, Decision.UNUSABLE, null, null, e.getMessage())).orElse(null));
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
        for (int q = 0; q < searchable.size(); q++) {
            int i = searchable.get(q);
            Optional<SearchResult.Hit> best = result.hits(q).stream().filter(h -> owners.containsKey(h.id())).findFirst();
            if (best.isEmpty()) {
                out.set(i, new RecognizedFace(faces.get(i), Decision.UNKNOWN, null, null, null));
                continue;
            }
            double similarity = Math.max(0, Math.min(1, best.get().score()));
            Decision decision = Decision.of(similarity, thresholds);
            UUID user = decision == Decision.UNKNOWN ? null : owners.get(best.get().id()).userId();
            out.set(i, new RecognizedFace(faces.get(i), decision, user, similarity, null));
        }
        return out;
    }
}
