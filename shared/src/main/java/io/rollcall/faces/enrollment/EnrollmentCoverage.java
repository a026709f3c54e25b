package io.rollcall.faces.enrollment;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rollcall.faces.pipeline.FacePipeline;
import org.springframework.stereotype.Component;

/**
 * Whether a person's enrolled photos cover them: several photos that are near copies of each other (one sitting,
 * one light, one expression) add little over one, and the person is then refused on a day that looks different.
 * Read from the stored embeddings, so nothing extra is kept.
 */
@Component
public class EnrollmentCoverage {

    /**
     * Cosine at or above which two enrolled photos count as one sitting. Real photos of one person taken on
     * different occasions reach at most 0.91 in docs/accuracy.md (120 pairs); augmented copies of one photo (a
     * stand-in for one sitting) have a median of 0.99.
     */
    public static final double TOO_ALIKE = 0.92;
    /** Fewer images than this is a warning too (recognition asks for 3-5). */
    public static final int ENOUGH = 3;

    /** A warning for the person's page; {@code code} is stable. */
    public record Warning(String code, String message) {
    }

    /**
     * @param images         enrolled images with an embedding of the current model
     * @param leastAlike     the lowest cosine between two of them (null below two images): how far apart they are
     */
    public record Coverage(int images, Double leastAlike, List<Warning> warnings) {
    }

    private final FaceImages faceImages;
    private final FacePipeline pipeline;

    public EnrollmentCoverage(FaceImages faceImages, FacePipeline pipeline) {
        this.faceImages = faceImages;
        this.pipeline = pipeline;
    }

    /** The person's coverage; the caller has checked the person is in the organization. */
    public Coverage of(UUID organizationId, UUID userId) {
        List<FaceImages.Embedding> embeddings = faceImages.embeddings(organizationId, userId, pipeline.modelVersion());
        return assess(embeddings.stream().map(FaceImages.Embedding::vector).toList());
    }

    static Coverage assess(List<float[]> vectors) {
        List<Warning> warnings = new ArrayList<>();
        Double least = null;
        for (int i = 0; i < vectors.size(); i++) {
            for (int j = i + 1; j < vectors.size(); j++) {
                double c = cosine(vectors.get(i), vectors.get(j));
                least = least == null ? c : Math.min(least, c);
            }
        }
        if (least != null && least >= TOO_ALIKE) {
            warnings.add(new Warning("photos_too_alike", ("all %d photos are nearly the same (the least alike pair scores %.2f): "
                    + "they look like one sitting; enroll photos from other days, light or angles").formatted(vectors.size(), least)));
        }
        if (!vectors.isEmpty() && vectors.size() < ENOUGH) {
            warnings.add(new Warning("few_photos", vectors.size() + " photo(s) enrolled; " + ENOUGH
                    + " to 5 from different occasions recognise a person more reliably"));
        }
        return new Coverage(vectors.size(), least, List.copyOf(warnings));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
