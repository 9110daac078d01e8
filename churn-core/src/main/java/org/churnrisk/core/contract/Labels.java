package org.churnrisk.core.contract;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.churnrisk.core.InvalidDataException;

/** Parses the lowercase labels the enums of the contract use in files. Stateless and thread-safe. */
final class Labels {
    private Labels() {}

    /**
     * Returns the constant whose label equals {@code value}, ignoring case and surrounding spaces.
     *
     * @throws InvalidDataException if {@code value} is null, blank or not a label; the message
     *     names the field, the value and the allowed labels
     */
    static <E extends Enum<E>> E parse(
            Class<E> type, Function<E, String> label, String field, String value) {
        E[] constants = type.getEnumConstants();
        if (value == null || value.isBlank()) {
            throw new InvalidDataException(
                    field + ": value is blank (expected one of " + allowed(constants, label) + ")");
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        for (E constant : constants) {
            if (label.apply(constant).equals(wanted)) {
                return constant;
            }
        }
        throw new InvalidDataException(field + ": value '" + value + "' is not allowed (expected one of "
                + allowed(constants, label) + ")");
    }

    /** Returns the labels of {@code type} in declaration order, joined with commas. */
    static <E extends Enum<E>> String allowed(E[] constants, Function<E, String> label) {
        return Arrays.stream(constants).map(label).collect(Collectors.joining(", "));
    }

    /** Returns the enum constant's name in lowercase, the label every contract enum uses. */
    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
