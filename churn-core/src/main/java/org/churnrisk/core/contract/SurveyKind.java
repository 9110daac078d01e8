package org.churnrisk.core.contract;

import org.churnrisk.core.InvalidDataException;

/**
 * The kind of survey a score comes from, each with its own score range: {@code nps} (Net Promoter
 * Score, 0-10) and {@code csat} (customer satisfaction, 1-5). Immutable and thread-safe.
 */
public enum SurveyKind {
    NPS(0, 10),
    CSAT(1, 5);

    private final int minScore;
    private final int maxScore;

    SurveyKind(int minScore, int maxScore) {
        this.minScore = minScore;
        this.maxScore = maxScore;
    }

    /**
     * Returns the kind whose {@link #label()} is {@code value}, ignoring case and surrounding spaces.
     *
     * @throws InvalidDataException if {@code value} is blank or not a kind; the message lists the
     *     allowed values
     */
    public static SurveyKind parse(String value) {
        return Labels.parse(SurveyKind.class, SurveyKind::label, "kind", value);
    }

    /** Returns the lowercase name used in files, such as {@code nps}. */
    public String label() {
        return Labels.of(this);
    }

    /** Returns the lowest valid score, inclusive. */
    public int minScore() {
        return minScore;
    }

    /** Returns the highest valid score, inclusive. */
    public int maxScore() {
        return maxScore;
    }

    /** Returns whether {@code score} is within {@link #minScore()}..{@link #maxScore()}. */
    public boolean accepts(int score) {
        return score >= minScore && score <= maxScore;
    }

    /**
     * Returns {@code score} if this kind accepts it.
     *
     * @throws InvalidDataException if it is out of range, e.g.
     *     {@code score: value 11 is out of range for nps (expected 0-10)}
     */
    public int checkScore(int score) {
        if (!accepts(score)) {
            throw new InvalidDataException("score: value " + score + " is out of range for " + label()
                    + " (expected " + minScore + "-" + maxScore + ")");
        }
        return score;
    }
}
