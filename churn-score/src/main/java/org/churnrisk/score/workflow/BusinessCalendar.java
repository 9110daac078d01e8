package org.churnrisk.score.workflow;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.churnrisk.core.InvalidArgumentException;

/**
 * Business-day arithmetic for due dates: weekends and holidays are not working time. A business
 * day counts as 24 working hours, from midnight to midnight, so an SLA of 48 hours opened on a
 * Friday is due on Tuesday at the same time. Immutable and thread-safe.
 *
 * @param weekend  the days of the week that are never business days (Saturday and Sunday by default)
 * @param holidays dates that are not business days
 */
public record BusinessCalendar(Set<DayOfWeek> weekend, Set<LocalDate> holidays) {
    /** Saturday and Sunday off, no holidays. */
    public static final BusinessCalendar DEFAULT = new BusinessCalendar(EnumSet.of(DayOfWeek.SATURDAY,
            DayOfWeek.SUNDAY), Set.of());

    /** @throws InvalidArgumentException if every day of the week is a weekend day */
    public BusinessCalendar {
        weekend = weekend.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(weekend));
        holidays = java.util.Collections.unmodifiableSet(new TreeSet<>(holidays));
        if (weekend.size() >= 7) {
            throw new InvalidArgumentException("a calendar needs at least one business day a week");
        }
    }

    /** The same calendar with these holidays. */
    public BusinessCalendar withHolidays(Set<LocalDate> holidays) {
        return new BusinessCalendar(weekend, holidays);
    }

    /** Whether work happens on {@code day}. */
    public boolean isBusinessDay(LocalDate day) {
        return !weekend.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** {@code day} when it is a business day, else the next one. */
    public LocalDate onOrAfter(LocalDate day) {
        LocalDate d = Objects.requireNonNull(day, "day");
        while (!isBusinessDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /**
     * The business day {@code days} business days after {@code day}: from Monday, 5 business days
     * is the next Monday; from a Saturday, 1 is the Tuesday (Monday is the first business day
     * that starts after it). 0 gives {@link #onOrAfter}.
     *
     * @throws InvalidArgumentException if {@code days} is negative
     */
    public LocalDate plusBusinessDays(LocalDate day, int days) {
        if (days < 0) {
            throw new InvalidArgumentException("business days " + days + ": expected 0 or more");
        }
        LocalDate d = onOrAfter(day);
        for (int i = 0; i < days; i++) {
            d = onOrAfter(d.plusDays(1));
        }
        return d;
    }

    /**
     * The time {@code hours} working hours after {@code start}. A start outside business days
     * begins at midnight of the next business day; a due time that falls on midnight after the
     * last business day of the count is written as that midnight.
     *
     * @throws InvalidArgumentException if {@code hours} is negative
     */
    public LocalDateTime plusBusinessHours(LocalDateTime start, int hours) {
        if (hours < 0) {
            throw new InvalidArgumentException("business hours " + hours + ": expected 0 or more");
        }
        LocalDateTime t = isBusinessDay(start.toLocalDate()) ? start : onOrAfter(start.toLocalDate()).atStartOfDay();
        long minutes = hours * 60L;
        while (minutes > 0) {
            LocalDateTime endOfDay = t.toLocalDate().plusDays(1).atStartOfDay();
            long left = java.time.Duration.between(t, endOfDay).toMinutes();
            if (minutes <= left) {
                return t.plusMinutes(minutes);
            }
            minutes -= left;
            t = onOrAfter(endOfDay.toLocalDate()).atStartOfDay();
        }
        return t;
    }
}
