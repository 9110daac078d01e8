package org.churnrisk.features.output;

/**
 * Text cells for CSV files a person opens in a spreadsheet, the one guard every CSV file churn-risk
 * writes goes through (feature tables, the at-risk report, rejects files): quoted when they hold a
 * separator, a quote or a line break, and prefixed with an apostrophe when a spreadsheet could run
 * them as a formula.
 *
 * <p>A cell is guarded when its first character other than spaces (ASCII, no-break or ideographic)
 * is one of {@code = + - @ |}, their full-width forms {@code ＝ ＋ － ＠ ｜} (some spreadsheet locales
 * turn those into formulas on entry), a tab or a carriage return: {@code " =1+1"} is written
 * {@code "' =1+1"}. Numeric columns are written by {@link Numbers} and never pass through here, so
 * real negative numbers stay numbers; a text cell such as an account id {@code -12} is guarded and
 * so stays the text it is. Stateless.
 */
public final class Csv {
    /** The characters that make a spreadsheet read a cell as a formula (or a DDE command, {@code |}). */
    private static final String FORMULA_STARTS = "=+-@|\t\r\uFF1D\uFF0B\uFF0D\uFF20\uFF5C";

    private Csv() {
    }

    /** Appends {@code value} as one cell: nothing for null, else guarded and quoted as needed. */
    public static void appendText(StringBuilder sb, String value) {
        if (value == null) {
            return;
        }
        String v = looksLikeFormula(value) ? "'" + value : value;
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        if (quote) {
            sb.append('"').append(v.replace("\"", "\"\"")).append('"');
        } else {
            sb.append(v);
        }
    }

    /** {@code value} as one cell, as {@link #appendText} writes it. */
    public static String text(String value) {
        StringBuilder sb = new StringBuilder();
        appendText(sb, value);
        return sb.toString();
    }

    /** Whether a spreadsheet could take {@code value} for a formula: its first non-space character is guarded. */
    public static boolean looksLikeFormula(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\u00A0' || c == '\u3000') {
                continue;
            }
            return FORMULA_STARTS.indexOf(c) >= 0;
        }
        return false;
    }
}
