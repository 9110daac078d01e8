package org.churnrisk.features.io.values;

/**
 * Reads Excel serial date numbers of the 1900 date system, as a workbook saved as CSV writes a
 * date cell that was not formatted as text: {@code 45720} is 2025-03-04 and {@code 45720.75} is
 * 18:00 on that day. Serial 1 is 1900-01-01; Excel counts a 29 February 1900 that never was
 * (serial 60, refused here), so from serial 61 (1900-03-01) on, day {@code n} is 1899-12-30 plus
 * {@code n} days. Only digits with an optional fraction are read; a sign, an exponent or
 * grouping is not a serial. Stateless.
 */
final class ExcelSerial {
    /** The epoch day of serial 0 for serials from 61 on: 1899-12-30. */
    private static final long DAY_ZERO = -25_569;
    /** Serial 60, the 29 February 1900 that Excel counts and the calendar does not. */
    private static final long PHANTOM_LEAP_DAY = 60;
    /** Above 2958465 (9999-12-31) Excel shows no date. */
    private static final long MAX_SERIAL = 2_958_465;

    private ExcelSerial() {
    }

    /** The epoch day of a whole serial (a fraction of zeros allowed), or {@link ValueParser#INVALID}. */
    static long epochDay(byte[] b, int from, int to) {
        long second = secondsFromDayZero(b, from, to, false);
        return second == ValueParser.INVALID ? ValueParser.INVALID : Math.floorDiv(second, 86_400);
    }

    /**
     * The local date and time of a serial with an optional fraction of a day, as epoch seconds in
     * the clock's zone (rounded down to the second), or {@link ValueParser#INVALID}.
     */
    static long epochSecond(byte[] b, int from, int to, ZoneClock clock) {
        long second = secondsFromDayZero(b, from, to, true);
        if (second == ValueParser.INVALID) {
            return ValueParser.INVALID;
        }
        return clock.toEpochSecond(Math.floorDiv(second, 86_400), (int) Math.floorMod(second, 86_400));
    }

    /** Local seconds since the epoch; a fraction is refused unless {@code fraction} allows it (zeros are fine). */
    private static long secondsFromDayZero(byte[] b, int from, int to, boolean fraction) {
        int p = from;
        long serial = 0;
        while (p < to && b[p] >= '0' && b[p] <= '9') {
            serial = serial * 10 + (b[p] - '0');
            if (serial > MAX_SERIAL) {
                return ValueParser.INVALID;
            }
            p++;
        }
        if (p == from || serial == 0 || serial == PHANTOM_LEAP_DAY) {
            return ValueParser.INVALID;
        }
        // the fraction of the day to the microsecond (Excel keeps about that much), then whole seconds
        long micros = 0;
        if (p < to && b[p] == '.') {
            p++;
            int digits = 0;
            long scale = 1;
            while (p < to && b[p] >= '0' && b[p] <= '9') {
                if (digits < 12) {
                    micros = micros * 10 + (b[p] - '0');
                    scale *= 10;
                    digits++;
                }
                p++;
            }
            if (micros != 0 && !fraction) {
                return ValueParser.INVALID;
            }
            // seconds of the day: fraction * 86400, rounded to the nearest second (Excel stores times
            // as binary fractions, so 0.75 may be written 0.74999999999)
            micros = scale == 1 ? 0 : Math.round((double) micros * 86_400 / scale);
        }
        if (p != to) {
            return ValueParser.INVALID;
        }
        long day = serial < PHANTOM_LEAP_DAY ? serial + DAY_ZERO + 1 : serial + DAY_ZERO; // before: 1899-12-31 + n
        return day * 86_400 + micros;
    }
}
