package org.churnrisk.core.contract;

import java.math.BigDecimal;
import org.churnrisk.core.InvalidDataException;

/**
 * Field checks shared by the records, so every rule is worded the same way in every message.
 *
 * <p>Messages start with the column name as it appears in files ({@code arr: ...}), then the
 * value, then what was expected. Stateless and thread-safe.
 */
final class Check {
    private Check() {}

    /** Returns {@code value} stripped; throws if it is null or blank. */
    static String requiredText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidDataException(field + ": is required but blank");
        }
        return value.strip();
    }

    /** Returns {@code value} stripped, or null when it is null or blank (a blank cell means absent). */
    static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Returns {@code value}; throws if it is null. */
    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidDataException(field + ": is required but missing");
        }
        return value;
    }

    /** Returns {@code value}; throws if it is negative, NaN or infinite. */
    static double nonNegative(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidDataException(
                    field + ": value " + value + " is not a finite number (expected a number >= 0)");
        }
        if (value < 0) {
            throw new InvalidDataException(
                    field + ": value " + plain(value) + " is negative (expected a number >= 0)");
        }
        return value;
    }

    /** Returns {@code value}; throws if it is negative. */
    static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidDataException(
                    field + ": value " + value + " is negative (expected a whole number >= 0)");
        }
        return value;
    }

    /** Returns {@code value}, which may be null; throws if it is negative. */
    static Integer nonNegativeOrNull(String field, Integer value) {
        if (value != null) {
            nonNegative(field, value.longValue());
        }
        return value;
    }

    /** Returns {@code value}, which may be null; throws if it is outside {@code min..max}. */
    static Integer inRangeOrNull(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new InvalidDataException(
                    field + ": value " + value + " is out of range (expected " + min + "-" + max + ")");
        }
        return value;
    }

    /** Writes a double without an exponent, so {@code -1.0E7} reads as {@code -10000000}. */
    private static String plain(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }
}
