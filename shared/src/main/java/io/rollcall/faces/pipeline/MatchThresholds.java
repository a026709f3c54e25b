package io.rollcall.faces.pipeline;

/**
 * How a cosine similarity between a probe face and its nearest enrolled face is read. The defaults come from
 * docs/accuracy.md (written by the bench module's AccuracyReport); organisations may configure their own.
 *
 * @param match at or above: the enrolled person
 * @param low   below: nobody we know; between low and match: a low-confidence event for a human to decide
 */
public record MatchThresholds(double match, double low) {

    public static final double DEFAULT_MATCH = 0.50;
    public static final double DEFAULT_LOW = 0.35;

    public enum Verdict { MATCH, LOW_CONFIDENCE, UNKNOWN }

    public MatchThresholds {
        if (!(low <= match)) {
            throw new IllegalArgumentException("low " + low + " above match " + match);
        }
    }

    public static MatchThresholds defaults() {
        return new MatchThresholds(DEFAULT_MATCH, DEFAULT_LOW);
    }

    public Verdict classify(double cosine) {
        return cosine >= match ? Verdict.MATCH : cosine >= low ? Verdict.LOW_CONFIDENCE : Verdict.UNKNOWN;
    }
}
