package org.churnrisk.score.report;

import java.util.Locale;

/** Escaping and number formats of the HTML report. Stateless. */
final class Html {
    private Html() {
    }

    /** Text for an element or a quoted attribute: {@code & < > " '} escaped, null as empty. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // control characters other than tab and line ends cannot appear in HTML text
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Whole dollars with thousands separators: {@code $1,234,567}; a minus sign before the dollar. */
    static String money(double v) {
        long rounded = Math.round(v);
        return (rounded < 0 ? "-$" : "$") + String.format(Locale.ROOT, "%,d", Math.abs(rounded));
    }

    /** A signed change in whole dollars: {@code +$1,200}, {@code -$300}, {@code $0}. */
    static String moneyChange(double v) {
        long rounded = Math.round(v);
        return (rounded > 0 ? "+" : "") + money(rounded);
    }

    static String count(double v) {
        return String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    static String countChange(double v) {
        long rounded = Math.round(v);
        return (rounded > 0 ? "+" : "") + String.format(Locale.ROOT, "%,d", rounded);
    }

    static String pct(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * v);
    }

    static String dec(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Short money for axes: $1.2M, $350k, $900. */
    static String moneyShort(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "$%sM", trim(v / 1e6));
        }
        if (a >= 1e3) {
            return String.format(Locale.ROOT, "$%sk", trim(v / 1e3));
        }
        return String.format(Locale.ROOT, "$%.0f", v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
