package io.rollcall.faces.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.config.ConfigKeys.LivenessMode;
import io.rollcall.faces.pipeline.FaceChecks;
import org.junit.jupiter.api.Test;

/** What each mode does with a live score, a low one and an unreadable one. */
class LivenessVerdictTest {

    static final FaceChecks.Liveness LIVE = FaceChecks.Liveness.of(0.9);
    static final FaceChecks.Liveness LOW = FaceChecks.Liveness.of(0.1);
    static final FaceChecks.Liveness GREY = FaceChecks.Liveness.unchecked(FaceChecks.Unchecked.GREYSCALE);

    @Test
    void offDecidesNothing() {
        for (FaceChecks.Liveness l : new FaceChecks.Liveness[] {LIVE, LOW, GREY}) {
            LivenessVerdict v = LivenessVerdict.of(l, LivenessMode.OFF, 0.5);
            assertThat(v.verdict()).isEqualTo(LivenessVerdict.Verdict.OFF);
            assertThat(v.refuses()).isFalse();
            assertThat(v.raisesEvent()).isFalse();
        }
    }

    @Test
    void flagReportsALowScoreButRefusesNothing() {
        assertThat(LivenessVerdict.of(LIVE, LivenessMode.FLAG, 0.5).raisesEvent()).isFalse();
        LivenessVerdict low = LivenessVerdict.of(LOW, LivenessMode.FLAG, 0.5);
        assertThat(low.verdict()).isEqualTo(LivenessVerdict.Verdict.SPOOF_SUSPECTED);
        assertThat(low.raisesEvent()).isTrue();
        assertThat(low.refuses()).isFalse();
        LivenessVerdict grey = LivenessVerdict.of(GREY, LivenessMode.FLAG, 0.5);
        assertThat(grey.verdict()).isEqualTo(LivenessVerdict.Verdict.UNCHECKED);
        assertThat(grey.reason()).isEqualTo("greyscale");
        assertThat(grey.raisesEvent()).as("a greyscale camera would flood operators").isFalse();
    }

    @Test
    void enforceRefusesALowScoreAndAnUnreadableFace() {
        assertThat(LivenessVerdict.of(LIVE, LivenessMode.ENFORCE, 0.5).refuses()).isFalse();
        assertThat(LivenessVerdict.of(LOW, LivenessMode.ENFORCE, 0.5).refuses()).isTrue();
        LivenessVerdict grey = LivenessVerdict.of(GREY, LivenessMode.ENFORCE, 0.5);
        assertThat(grey.refuses()).isTrue();
        assertThat(grey.raisesEvent()).isTrue();
        assertThat(grey.explanation()).contains("greyscale");
        assertThat(LivenessVerdict.of(LIVE, LivenessMode.ENFORCE, 0.95).refuses()).as("the threshold is the organization's").isTrue();
    }
}
