package org.churnrisk.features.io.values;

/**
 * Reads the ISO-8601 forms of the data contract from bytes, without allocating:
 * {@code yyyy-MM-dd}, and {@code yyyy-MM-dd'T'HH:mm[:ss[.fraction]]} with {@code T} or a space,
 * optionally followed by {@code Z} or an offset {@code +HH:mm}, {@code +HHmm} or {@code +HH}.
 *
 * <p>Years have four digits. Ranges are checked (no month 13, no 30 February, no hour 24, no
 * leap second, offsets within +-18:00). A fraction of 1 to 9 digits is allowed after the seconds
 * and dropped: results are whole epoch seconds rounded down, as {@code Instant.getEpochSecond()}.
 * The input must already be trimmed. Stateless and thread-safe.
 */
final class Iso8601 {
    /** Returned for text that is not in one of the forms, or out of range. */
    static final long INVALID = Long.MIN_VALUE;

    private static final long DAYS_0000_TO_1970 = 719_528;

    private Iso8601() {
    }

    /** A date {@code yyyy-MM-dd} as days since the epoch, or {@link #INVALID}. */
    static long epochDay(byte[] b, int from, int to) {
        if (to - from != 10) {
            return INVALID;
        }
        return date(b, from);
    }

    /**
     * A timestamp as epoch seconds, or {@link #INVALID}: an instant when it has {@code Z} or an
     * offset, else a local date-time or the start of a date in {@code clock}'s zone.
     */
    static long epochSecond(byte[] b, int from, int to, ZoneClock clock) {
        int len = to - from;
        if (len < 10) {
            return INVALID;
        }
        long day = date(b, from);
        if (day == INVALID) {
            return INVALID;
        }
        if (len == 10) {
            return clock.startOfDay(day);
        }
        int p = from + 10;
        byte sep = b[p];
        if ((sep != 'T' && sep != 't' && sep != ' ') || to - p < 6) {
            return INVALID;
        }
        int hour = twoDigits(b, p + 1);
        int minute = twoDigits(b, p + 4);
        if (hour < 0 || hour > 23 || b[p + 3] != ':' || minute < 0 || minute > 59) {
            return INVALID;
        }
        p += 6;
        int second = 0;
        if (p < to && b[p] == ':') {
            if (to - p < 3) {
                return INVALID;
            }
            second = twoDigits(b, p + 1);
            if (second < 0 || second > 59) {
                return INVALID;
            }
            p += 3;
            if (p < to && b[p] == '.') {
                int digits = 0;
                p++;
                while (p < to && isDigit(b[p])) {
                    p++;
                    digits++;
                }
                if (digits == 0 || digits > 9) {
                    return INVALID;
                }
            }
        }
        int secondOfDay = hour * 3600 + minute * 60 + second;
        if (p == to) {
            return clock.toEpochSecond(day, secondOfDay);
        }
        long local = day * 86_400 + secondOfDay;
        byte c = b[p];
        if (c == 'Z' || c == 'z') {
            return p + 1 == to ? local : INVALID;
        }
        if (c != '+' && c != '-') {
            return INVALID;
        }
        int rest = to - p - 1;
        int offsetHours = rest >= 2 ? twoDigits(b, p + 1) : -1;
        int offsetMinutes;
        if (rest == 2) {
            offsetMinutes = 0;
        } else if (rest == 4) {
            offsetMinutes = twoDigits(b, p + 3);
        } else if (rest == 5 && b[p + 3] == ':') {
            offsetMinutes = twoDigits(b, p + 4);
        } else {
            return INVALID;
        }
        if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59
                || offsetHours * 60 + offsetMinutes > 18 * 60) {
            return INVALID;
        }
        int offset = offsetHours * 3600 + offsetMinutes * 60;
        return c == '+' ? local - offset : local + offset;
    }

    /** Reads {@code yyyy-MM-dd} at {@code p} (10 bytes must be there); days since the epoch or INVALID. */
    private static long date(byte[] b, int p) {
        int y1 = twoDigits(b, p);
        int y2 = twoDigits(b, p + 2);
        int month = twoDigits(b, p + 5);
        int day = twoDigits(b, p + 8);
        if (y1 < 0 || y2 < 0 || b[p + 4] != '-' || b[p + 7] != '-' || month < 1 || month > 12 || day < 1) {
            return INVALID;
        }
        int year = y1 * 100 + y2;
        if (day > monthLength(year, month)) {
            return INVALID;
        }
        return epochDay(year, month, day);
    }

    /** The two ASCII digits at {@code p} as a number, or -1. */
    private static int twoDigits(byte[] b, int p) {
        int d1 = b[p] - '0';
        int d2 = b[p + 1] - '0';
        if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) {
            return -1;
        }
        return d1 * 10 + d2;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLeap(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    static int monthLength(long year, int month) {
        switch (month) {
            case 2:
                return isLeap(year) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a valid proleptic ISO date with year >= 0 (as {@code LocalDate.toEpochDay}). */
    static long epochDay(long year, int month, int day) {
        long total = 365 * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!isLeap(year)) {
                total--;
            }
        }
        return total - DAYS_0000_TO_1970;
    }
}
