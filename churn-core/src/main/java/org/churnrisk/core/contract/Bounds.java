package org.churnrisk.core.contract;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The bounds of the data contract on values that are well-formed but absurd: dates outside the
 * years a SaaS export can speak of, ARR, seat counts and usage quantities no real account has.
 * A value outside them is a bad row (rejected under {@code --skip-bad-rows}), never clamped:
 * inside them, every sum, difference and product churn-risk computes from the values is exact
 * or a plain double, far from any limit of a {@code long} (docs/data-contract.md, "Bounds").
 *
 * <p>The bounds are wide on purpose: they are not tuned to any data, only far enough past the
 * realistic that a value outside them is a typo, a unit mix-up or a placeholder such as
 * {@code 9999-12-31}. Constants only; thread-safe.
 */
public final class Bounds {
    private Bounds() {
    }

    /** The first day a date or timestamp may fall on: 1970-01-01, the Unix epoch. */
    public static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);
    /** The last day a date or timestamp may fall on: 2100-12-31. */
    public static final LocalDate LAST_DAY = LocalDate.of(2100, 12, 31);
    /** {@link #FIRST_DAY} as days since the epoch. */
    public static final long FIRST_EPOCH_DAY = FIRST_DAY.toEpochDay();
    /** {@link #LAST_DAY} as days since the epoch. */
    public static final long LAST_EPOCH_DAY = LAST_DAY.toEpochDay();
    /** The first second a timestamp may fall on: the start of {@link #FIRST_DAY} in UTC. */
    public static final long FIRST_SECOND = FIRST_DAY.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    /**
     * The first second after the last a timestamp may fall on: the start of the day after
     * {@link #LAST_DAY} in UTC. (Timestamps are compared in UTC, whatever the book's zone, so a
     * bound never moves with the zone setting.)
     */
    public static final long END_SECOND = LAST_DAY.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);

    /**
     * The largest ARR of one account or term: 10^12 in the export's currency. The largest B2B
     * SaaS contracts are some hundreds of millions of US dollars a year, which is still within it
     * in yen, won or rupiah. A million accounts at the bound total 10^18, within a {@code long}
     * (about 9.2 x 10^18), so no total or rounding saturates.
     */
    public static final double MAX_ARR = 1e12;
    /** The largest seat count of one account or term: ten million seats. */
    public static final long MAX_SEATS = 10_000_000;
    /**
     * The largest {@code quantity} (and so {@code errors}) of one usage row: 10^9 events. A row
     * is one user's or account's count of one event over a day or finer; a billion is beyond any
     * of them, and a year of rows at it still sums far below a {@code long}'s limit.
     */
    public static final long MAX_QUANTITY = 1_000_000_000L;

    /** The date bound as a message's "expected" part: {@code expected a date from 1970-01-01 to 2100-12-31}. */
    public static String expectedDate(String what) {
        return "is outside the accepted range (expected " + what + " from " + FIRST_DAY + " to " + LAST_DAY + ")";
    }

    /** Whether an epoch day is within the date bounds. */
    public static boolean dayInRange(long epochDay) {
        return epochDay >= FIRST_EPOCH_DAY && epochDay <= LAST_EPOCH_DAY;
    }

    /** Whether an epoch second is within the date bounds. */
    public static boolean secondInRange(long epochSecond) {
        return epochSecond >= FIRST_SECOND && epochSecond < END_SECOND;
    }
}
