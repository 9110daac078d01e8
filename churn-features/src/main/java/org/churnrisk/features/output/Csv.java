package org.churnrisk.features.output;

/**
 * Text cells for CSV files a person opens in a spreadsheet: quoted when they hold a separator, a
 * quote or a line break, and prefixed with an apostrophe when a spreadsheet would run them as a
 * formula (they start with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return).
 * Numeric columns are written by {@link Numbers} and never pass through here, so real negative
 * numbers stay numbers.
 */
public final class Csv {
    private Csv() {
    }

    public static void appendText(StringBuilder sb, String value) {
        if (value == null) {
            return;
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        if (quote) {
            sb.append('"').append(v.replace("\"", "\"\"")).append('"');
        } else {
            sb.append(v);
        }
    }

    public static String text(String value) {
        StringBuilder sb = new StringBuilder();
        appendText(sb, value);
        return sb.toString();
    }
}
