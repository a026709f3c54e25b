package io.rollcall.functions.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.UUID;

import io.rollcall.faces.gallery.Gallery;
import io.rollcall.faces.gallery.GalleryVectors;
import io.rollcall.faces.index.Vectors;
import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FaceBox;
import io.rollcall.faces.pipeline.FaceChecks;
import io.rollcall.faces.pipeline.FaceEmbedding;
import io.rollcall.faces.pipeline.FaceQuality;
import io.rollcall.faces.recognition.Decision;
import io.rollcall.faces.recognition.FaceRecognizer;
import io.rollcall.faces.recognition.RecognizedFace;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * How FaceRecognizer picks the person among the index's candidates, on vectors built for the case (the real
 * pipeline's faces are in RecognizeFrameFunctionTest): by the mean of each person's photos, with the thresholds on
 * the nearest photo, a match only where both agree, and the margin on the means.
 */
class FaceRecognizerTest extends FacesTest {

    private static final int D = 512;

    @Autowired FaceRecognizer recognizer;
    @Autowired Gallery gallery;

    @Test
    void onePhotoOfAnotherPersonNearerThanAnyOfTheRightOnesIsNotAMatchButTheRightPersonIsProposed() {
        UUID org = fixtures.organization();
        UUID right = fixtures.user(org);
        UUID other = fixtures.user(org);
        float[] query = axis(0);
        // the right person: three photos at 0.70 each, scattered around the face; their mean is at ~0.86
        enroll(org, right, mix(query, 0.70, axis(3)), mix(query, 0.70, axis(4)), mix(query, 0.70, axis(5)));
        // another person: one photo at 0.75, the rest far away; their mean is at ~0.55
        enroll(org, other, mix(query, 0.75, axis(6)), mix(query, 0.20, axis(7)), mix(query, 0.20, axis(8)));

        RecognizedFace face = recognizer.recognize(org, List.of(face(query))).get(0);

        assertThat(face.decision()).isEqualTo(Decision.LOW_CONFIDENCE);
        assertThat(face.userId()).isEqualTo(right);
        assertThat(face.similarity()).isCloseTo(0.70, offset(0.01));
        assertThat(face.note()).contains("another person's photo scores 0.75");
    }

    @Test
    void whenTheNearestPhotoIsTheBestFittingPersonsItIsAMatchAsBefore() {
        UUID org = fixtures.organization();
        UUID person = fixtures.user(org);
        UUID other = fixtures.user(org);
        float[] query = axis(0);
        enroll(org, person, mix(query, 0.90, axis(3)), mix(query, 0.80, axis(4)), mix(query, 0.80, axis(5)));
        enroll(org, other, mix(query, 0.30, axis(6)), mix(query, 0.20, axis(7)));

        RecognizedFace face = recognizer.recognize(org, List.of(face(query))).get(0);

        assertThat(face.decision()).isEqualTo(Decision.MATCH);
        assertThat(face.userId()).isEqualTo(person);
        assertThat(face.similarity()).isCloseTo(0.90, offset(0.01));
        // and a stranger far from everyone stays unknown, whoever's mean is nearest
        assertThat(recognizer.recognize(org, List.of(face(axis(100)))).get(0).decision()).isEqualTo(Decision.UNKNOWN);
    }

    @Test
    void theMarginIsReadOnThePeoplesMeansNotOnTheirNearestPhotos() {
        UUID org = fixtures.organization();
        UUID person = fixtures.user(org);
        UUID other = fixtures.user(org);
        float[] query = axis(0);
        // nearest photos 0.80 and 0.75, 0.05 apart; their means ~0.91 and ~0.60, far apart
        enroll(org, person, mix(query, 0.80, axis(3)), mix(query, 0.78, axis(4)), mix(query, 0.78, axis(5)));
        enroll(org, other, mix(query, 0.75, axis(6)), mix(query, 0.20, axis(7)), mix(query, 0.20, axis(8)));

        RecognizedFace face = recognizer.recognize(org, List.of(face(query))).get(0);

        assertThat(face.decision()).isEqualTo(Decision.MATCH);
        assertThat(face.userId()).isEqualTo(person);
        assertThat(face.similarity()).as("the nearest photo, as calibrated").isCloseTo(0.80, offset(0.01));
    }

    @Test
    void twoPeopleWhosePhotosTogetherFitAlikeGoToAHuman() {
        UUID org = fixtures.organization();
        UUID person = fixtures.user(org);
        UUID lookAlike = fixtures.user(org);
        float[] query = axis(0);
        // means ~0.918 and ~0.907: within the margin (0.12)
        enroll(org, person, mix(query, 0.80, axis(3)), mix(query, 0.80, axis(4)), mix(query, 0.80, axis(5)));
        enroll(org, lookAlike, mix(query, 0.78, axis(6)), mix(query, 0.78, axis(7)), mix(query, 0.78, axis(8)));

        RecognizedFace face = recognizer.recognize(org, List.of(face(query))).get(0);

        assertThat(face.decision()).isEqualTo(Decision.LOW_CONFIDENCE);
        assertThat(face.userId()).isEqualTo(person);
        assertThat(face.note()).contains("together score 0.91", "within the margin 0.12 of this person's 0.92");
    }

    private void enroll(UUID org, UUID user, float[]... photos) {
        long[] ids = new long[photos.length];
        for (int i = 0; i < photos.length; i++) {
            ids[i] = fixtures.jdbc().queryForObject("""
                    INSERT INTO face_embeddings (organization_id, user_id, embedding, model_version)
                    VALUES (?, ?, ?, ?) RETURNING embedding_index""", Long.class, org, user,
                    GalleryVectors.encode(photos[i]), pipeline.modelVersion());
        }
        gallery.change(org, change -> {
            for (int i = 0; i < photos.length; i++) {
                change.add(ids[i], photos[i]);
            }
            return null;
        });
    }

    private DetectedFace face(float[] vector) {
        return new DetectedFace(new FaceBox(10, 10, 200, 200), 0.99f, List.of(), new FaceEmbedding(vector, pipeline.modelVersion()),
                new FaceQuality(200, 1_000), null, FaceChecks.livenessOnly(FaceChecks.Liveness.of(0.99)));
    }

    private static float[] axis(int i) {
        float[] v = new float[D];
        v[i] = 1;
        return v;
    }

    /** A unit vector at cosine {@code cosine} to {@code towards}, the rest along {@code aside} (orthogonal to it). */
    private static float[] mix(float[] towards, double cosine, float[] aside) {
        float[] v = new float[D];
        double rest = Math.sqrt(1 - cosine * cosine);
        for (int t = 0; t < D; t++) {
            v[t] = (float) (cosine * towards[t] + rest * aside[t]);
        }
        return Vectors.normalize(v, D);
    }
}
