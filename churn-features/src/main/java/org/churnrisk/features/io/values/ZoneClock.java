package org.churnrisk.features.io.values;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;

/**
 * Turns local dates and date-times into epoch seconds in one zone, the same way as
 * {@link LocalDate#atStartOfDay(ZoneId)} and {@link LocalDateTime#atZone(ZoneId)} (a time in a
 * gap moves forward by the gap's length, a time in an overlap takes the earlier offset).
 *
 * <p>For a fixed offset the result is arithmetic. For a zone with transitions, the offset of each
 * local day without a transition is cached (events arrive roughly in time order, so nearly every
 * lookup hits), and only days with a transition take the java.time route. Not thread-safe: the
 * cache is mutable.
 */
final class ZoneClock {
    private static final int CACHE_SIZE = 1024;
    private static final int MASK = CACHE_SIZE - 1;
    /** Marks a cached day that holds a transition, so that java.time decides. */
    private static final int TRANSITION_DAY = Integer.MIN_VALUE;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final boolean fixed;
    private final int fixedOffset;
    private final long[] cachedDay;
    private final int[] cachedOffset;

    ZoneClock(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset();
        this.fixedOffset = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
        this.cachedDay = fixed ? null : new long[CACHE_SIZE];
        this.cachedOffset = fixed ? null : new int[CACHE_SIZE];
        if (!fixed) {
            Arrays.fill(cachedDay, Long.MIN_VALUE);
        }
    }

    ZoneId zone() {
        return zone;
    }

    /** The first instant of a local date, as epoch seconds. */
    long startOfDay(long epochDay) {
        if (fixed) {
            return epochDay * 86_400 - fixedOffset;
        }
        int offset = dayOffset(epochDay);
        if (offset != TRANSITION_DAY) {
            return epochDay * 86_400 - offset;
        }
        return LocalDate.ofEpochDay(epochDay).atStartOfDay(zone).toEpochSecond();
    }

    /** A local date-time (whole seconds) as epoch seconds. */
    long toEpochSecond(long epochDay, int secondOfDay) {
        if (fixed) {
            return epochDay * 86_400 + secondOfDay - fixedOffset;
        }
        int offset = dayOffset(epochDay);
        if (offset != TRANSITION_DAY) {
            return epochDay * 86_400 + secondOfDay - offset;
        }
        return LocalDateTime.ofEpochSecond(epochDay * 86_400 + secondOfDay, 0, ZoneOffset.UTC)
                .atZone(zone).toEpochSecond();
    }

    private int dayOffset(long epochDay) {
        int slot = (int) epochDay & MASK;
        if (cachedDay[slot] == epochDay) {
            return cachedOffset[slot];
        }
        int offset = computeDayOffset(epochDay);
        cachedDay[slot] = epochDay;
        cachedOffset[slot] = offset;
        return offset;
    }

    /** The one offset of every local time of the day, or {@link #TRANSITION_DAY}. */
    private int computeDayOffset(long epochDay) {
        if (epochDay < -365_243_219_162L || epochDay > 365_241_780_471L) {
            return TRANSITION_DAY; // outside LocalDate's range: let java.time report it
        }
        LocalDateTime midnight = LocalDate.ofEpochDay(epochDay).atStartOfDay();
        List<ZoneOffset> valid = rules.getValidOffsets(midnight);
        if (valid.size() != 1) {
            return TRANSITION_DAY;
        }
        int offset = valid.get(0).getTotalSeconds();
        long start = epochDay * 86_400 - offset;
        ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(start));
        if (next != null && next.toEpochSecond() < start + 86_400) {
            return TRANSITION_DAY;
        }
        return offset;
    }
}
