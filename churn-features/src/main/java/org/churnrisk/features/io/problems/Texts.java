package org.churnrisk.features.io.problems;

import java.util.List;

/** Small text helpers for messages, shared by the readers so that every format words a problem alike. Stateless. */
public final class Texts {
    /** Values longer than this are cut in messages. */
    public static final int MAX_VALUE_CHARS = 60;

    private Texts() {
    }

    /** {@code 1204} as {@code 1,204}, whatever the default locale. */
    public static String grouped(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (n < 0) {
            out.append('-');
        }
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }

    /**
     * A value in single quotes for a message: control characters shown as escapes, and a value
     * longer than {@link #MAX_VALUE_CHARS} cut, with its full length, e.g. {@code 'aaaa...' (812 characters)}.
     */
    public static String quoted(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_VALUE_CHARS) + 24).append('\'');
        int shown = value.length() > MAX_VALUE_CHARS ? MAX_VALUE_CHARS - 3 : value.length();
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < ' ') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (shown < value.length()) {
            out.append("...' (").append(grouped(value.length())).append(" characters)");
        } else {
            out.append('\'');
        }
        return out.toString();
    }

    /**
     * The items joined by ", ", at most {@code max} of them, then "and N more"; each item longer
     * than {@link #MAX_VALUE_CHARS} is {@link #cut}, so that a header of one 50 MB name makes a
     * message of one line.
     */
    public static String list(List<String> items, int max) {
        List<String> shown = items.size() <= max ? items : items.subList(0, max);
        String joined = String.join(", ", shown.stream().map(Texts::cut).toList());
        return items.size() <= max ? joined : joined + " and " + grouped(items.size() - max) + " more";
    }

    /**
     * A text for a message as it is, or, when longer than {@link #MAX_VALUE_CHARS}, its start and
     * its full length: {@code aaaa... (812 characters)}. Unlike {@link #quoted}, without quotes or escapes.
     */
    public static String cut(String value) {
        if (value == null || value.length() <= MAX_VALUE_CHARS) {
            return value;
        }
        return value.substring(0, MAX_VALUE_CHARS - 3) + "... (" + grouped(value.length()) + " characters)";
    }
}
