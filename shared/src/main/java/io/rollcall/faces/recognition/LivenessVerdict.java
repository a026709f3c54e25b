package io.rollcall.faces.recognition;

import io.rollcall.config.ConfigKeys.LivenessMode;
import io.rollcall.faces.pipeline.FaceChecks;

/**
 * A face's liveness reading against its organization's liveness settings.
 *
 * @param score     the network's probability of a live face; null when it could not be read
 * @param threshold below it a face is a suspected spoof
 * @param mode      the organization's liveness mode
 * @param verdict   what the reading means
 * @param reason    for UNCHECKED, why no score could be read ({@code face_too_small}, {@code face_at_border},
 *                  {@code greyscale}); else null
 */
public record LivenessVerdict(Double score, double threshold, LivenessMode mode, Verdict verdict, String reason) {

    public enum Verdict {
        /** At or above the threshold. */
        LIVE,
        /** Below the threshold: a photo, a screen or a mask is suspected. */
        SPOOF_SUSPECTED,
        /** No score could be read ({@link #reason()}). */
        UNCHECKED,
        /** The organization's mode is off: the score is reported, nothing is decided from it. */
        OFF
    }

    public static LivenessVerdict of(FaceChecks.Liveness liveness, LivenessMode mode, double threshold) {
        Verdict verdict;
        if (mode == LivenessMode.OFF) {
            verdict = Verdict.OFF;
        } else if (!liveness.checked()) {
            verdict = Verdict.UNCHECKED;
        } else {
            verdict = liveness.score() >= threshold ? Verdict.LIVE : Verdict.SPOOF_SUSPECTED;
        }
        return new LivenessVerdict(liveness.score(), threshold, mode, verdict,
                liveness.unchecked() == null ? null : liveness.unchecked().code());
    }

    /**
     * Whether a match with this reading must not count: in enforce mode, a suspected spoof, and a face whose
     * liveness could not be read (a check that cannot be run must not be a way around it).
     */
    public boolean refuses() {
        return mode == LivenessMode.ENFORCE && (verdict == Verdict.SPOOF_SUSPECTED || verdict == Verdict.UNCHECKED);
    }

    /** Whether a match with this reading raises a SPOOF_SUSPECTED event: a low score, or any refusal. */
    public boolean raisesEvent() {
        return verdict == Verdict.SPOOF_SUSPECTED || refuses();
    }

    /** A sentence for answers and events. */
    public String explanation() {
        return switch (verdict) {
            case LIVE -> "live (score %.2f, threshold %.2f)".formatted(score, threshold);
            case SPOOF_SUSPECTED -> "suspected spoof: liveness score %.2f is below %.2f".formatted(score, threshold);
            case UNCHECKED -> FaceChecks.Unchecked.valueOf(reason.toUpperCase(java.util.Locale.ROOT)).message();
            case OFF -> "liveness is not checked in this organization";
        };
    }
}
