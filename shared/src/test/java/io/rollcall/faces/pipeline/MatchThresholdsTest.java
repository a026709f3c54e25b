package io.rollcall.faces.pipeline;

import static io.rollcall.faces.pipeline.MatchThresholds.Verdict.LOW_CONFIDENCE;
import static io.rollcall.faces.pipeline.MatchThresholds.Verdict.MATCH;
import static io.rollcall.faces.pipeline.MatchThresholds.Verdict.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

class MatchThresholdsTest {

    @Test
    void eachThresholdBelongsToTheBandAboveIt() {
        MatchThresholds t = MatchThresholds.defaults();
        assertThat(t.classify(0.50)).isEqualTo(MATCH);
        assertThat(t.classify(0.4999)).isEqualTo(LOW_CONFIDENCE);
        assertThat(t.classify(0.35)).isEqualTo(LOW_CONFIDENCE);
        assertThat(t.classify(0.3499)).isEqualTo(UNKNOWN);
        assertThat(t.classify(1.0)).isEqualTo(MATCH);
        assertThat(t.classify(-1.0)).isEqualTo(UNKNOWN);
    }

    @Test
    void theDefaultsAreTheOnesDocsAccuracyChose() {
        assertThat(MatchThresholds.defaults()).isEqualTo(new MatchThresholds(0.50, 0.35));
    }

    @Test
    void equalThresholdsLeaveNoLowConfidenceBand() {
        MatchThresholds t = new MatchThresholds(0.6, 0.6);
        assertThat(t.classify(0.6)).isEqualTo(MATCH);
        assertThat(t.classify(0.5999)).isEqualTo(UNKNOWN);
    }

    @Test
    void aLowThresholdAboveTheMatchThresholdOrNotANumberIsRefused() {
        assertThatThrownBy(() -> new MatchThresholds(0.4, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("above match");
        assertThatThrownBy(() -> new MatchThresholds(Double.NaN, 0.3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MatchThresholds(0.5, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSimilarityThatIsNotANumberIsNeverAMatch() {
        assertThat(MatchThresholds.defaults().classify(Double.NaN)).isEqualTo(UNKNOWN);
    }

    /** A higher similarity never reads as a weaker verdict, for any valid pair of thresholds (fixed seed). */
    @Test
    void theVerdictNeverWeakensAsTheSimilarityRises() {
        Random random = new Random(35_50);
        for (int run = 0; run < 10_000; run++) {
            double a = random.nextDouble(), b = random.nextDouble();
            MatchThresholds t = new MatchThresholds(Math.max(a, b), Math.min(a, b));
            double lower = random.nextDouble() * 2 - 1;
            double higher = lower + random.nextDouble() * (1 - lower);
            assertThat(strength(t.classify(higher))).isGreaterThanOrEqualTo(strength(t.classify(lower)));
        }
    }

    private static int strength(MatchThresholds.Verdict verdict) {
        return switch (verdict) {
            case UNKNOWN -> 0;
            case LOW_CONFIDENCE -> 1;
            case MATCH -> 2;
        };
    }
}
