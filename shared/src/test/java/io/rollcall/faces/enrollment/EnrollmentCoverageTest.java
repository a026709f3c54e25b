package io.rollcall.faces.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The coverage warnings from embeddings alone. */
class EnrollmentCoverageTest {

    @Test
    void nearCopiesAreTooAlikeAndSpreadPhotosAreNot() {
        Random random = new Random(42);
        float[] base = unit(random, null, 0);
        List<float[]> copies = List.of(base, unit(random, base, 0.05), unit(random, base, 0.05));
        List<float[]> spread = List.of(base, unit(random, base, 0.9), unit(random, base, 0.9));

        EnrollmentCoverage.Coverage alike = EnrollmentCoverage.assess(copies);
        EnrollmentCoverage.Coverage apart = EnrollmentCoverage.assess(spread);

        assertThat(alike.leastAlike()).isGreaterThanOrEqualTo(EnrollmentCoverage.TOO_ALIKE);
        assertThat(alike.warnings()).extracting(EnrollmentCoverage.Warning::code).containsExactly("photos_too_alike");
        assertThat(apart.leastAlike()).isLessThan(EnrollmentCoverage.TOO_ALIKE);
        assertThat(apart.warnings()).isEmpty();
    }

    @Test
    void fewOrNoPhotos() {
        assertThat(EnrollmentCoverage.assess(List.of()).warnings()).isEmpty();
        EnrollmentCoverage.Coverage one = EnrollmentCoverage.assess(List.of(unit(new Random(1), null, 0)));
        assertThat(one.leastAlike()).isNull();
        assertThat(one.warnings()).extracting(EnrollmentCoverage.Warning::code).containsExactly("few_photos");
    }

    /** A random unit vector, or {@code base} plus noise of the given size, normalised. */
    private static float[] unit(Random random, float[] base, double noise) {
        float[] v = new float[512];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((base == null ? random.nextGaussian() : base[i] * Math.sqrt(512)) + noise * random.nextGaussian() * 3);
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
