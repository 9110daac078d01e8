package org.churnrisk.core.contract;

import org.churnrisk.core.InvalidDataException;

/**
 * The commercial size band of an account, written {@code starter}, {@code growth} or
 * {@code enterprise} in files.
 *
 * <p>When a file gives no tier, it follows ARR ({@link #fromArr(double)}): Starter below
 * {@value #GROWTH_MIN_ARR}, Growth from {@value #GROWTH_MIN_ARR} to {@value #GROWTH_MAX_ARR}
 * inclusive, Enterprise above {@value #GROWTH_MAX_ARR}. Immutable and thread-safe.
 */
public enum Tier {
    STARTER,
    GROWTH,
    ENTERPRISE;

    /** The lowest ARR that is Growth rather than Starter (inclusive). */
    public static final double GROWTH_MIN_ARR = 10_000.0;

    /** The highest ARR that is still Growth (inclusive); anything above is Enterprise. */
    public static final double GROWTH_MAX_ARR = 50_000.0;

    /**
     * Returns the tier that {@code arr} falls in.
     *
     * <pre>{@code
     * Tier.fromArr(9_999.99);  // STARTER
     * Tier.fromArr(50_000);    // GROWTH
     * Tier.fromArr(50_000.01); // ENTERPRISE
     * }</pre>
     *
     * @throws InvalidDataException if {@code arr} is negative, NaN or infinite
     */
    public static Tier fromArr(double arr) {
        Check.nonNegative("arr", arr);
        if (arr < GROWTH_MIN_ARR) {
            return STARTER;
        }
        return arr <= GROWTH_MAX_ARR ? GROWTH : ENTERPRISE;
    }

    /**
     * Returns the tier whose {@link #label()} is {@code value}, ignoring case and surrounding spaces.
     *
     * @throws InvalidDataException if {@code value} is blank or not a tier; the message lists the
     *     allowed values
     */
    public static Tier parse(String value) {
        return Labels.parse(Tier.class, Tier::label, "tier", value);
    }

    /** Returns the lowercase name used in files, such as {@code growth}. */
    public String label() {
        return Labels.of(this);
    }
}
