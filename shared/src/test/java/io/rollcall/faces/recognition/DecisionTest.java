package io.rollcall.faces.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.config.OrganizationSettings;
import org.junit.jupiter.api.Test;

class DecisionTest {

    @Test
    void aSimilarityIsReadWithTheOrganizationsThresholds() {
        OrganizationSettings defaults = OrganizationSettings.DEFAULTS; // match 0.50, low 0.35
        assertThat(Decision.of(0.50, defaults)).isEqualTo(Decision.MATCH);
        assertThat(Decision.of(0.42, defaults)).isEqualTo(Decision.LOW_CONFIDENCE);
        assertThat(Decision.of(0.35, defaults)).isEqualTo(Decision.LOW_CONFIDENCE);
        assertThat(Decision.of(0.10, defaults)).isEqualTo(Decision.UNKNOWN);
    }

    @Test
    void anOrganizationWithStricterThresholdsGetsFewerMatches() {
        OrganizationSettings strict = new OrganizationSettings(0.70, 0.55, OrganizationSettings.DEFAULTS.repeatWindow(),
                OrganizationSettings.DEFAULTS.timeZone(), OrganizationSettings.DEFAULTS.unknownFaceRetentionDays());
        assertThat(Decision.of(0.60, OrganizationSettings.DEFAULTS)).isEqualTo(Decision.MATCH);
        assertThat(Decision.of(0.60, strict)).isEqualTo(Decision.LOW_CONFIDENCE);
        assertThat(Decision.of(0.50, strict)).isEqualTo(Decision.UNKNOWN);
    }

    @Test
    void noSimilarityIsReadAsUnusable() {
        // UNUSABLE comes from the face's size and sharpness, never from a similarity
        for (double s = -1; s <= 1; s += 0.01) {
            assertThat(Decision.of(s, OrganizationSettings.DEFAULTS)).isNotEqualTo(Decision.UNUSABLE);
        }
    }
}
