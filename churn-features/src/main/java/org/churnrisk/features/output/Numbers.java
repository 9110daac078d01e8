package org.churnrisk.features.output;

/**
 * Formats doubles for CSV the same way every time and as a spreadsheet reads them: whole numbers
 * without a decimal point, others with up to six decimals and no trailing zeros, never in
 * exponent notation. Allocation-light: appends to a StringBuilder.
 */
public final class Numbers {
    private static final double SCALE = 1e6;

    private Numbers() {
    }

    public static String format(double v) {
        StringBuilder sb = new StringBuilder(24);
        append(sb, v);
        return sb.toString();
    }

    public static void append(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            sb.append("NaN");
            return;
        }
        if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "Infinity" : "-Infinity");
            return;
        }
        if (Math.abs(v) >= 9e12) {
            sb.append(new java.math.BigDecimal(v).setScale(0, java.math.RoundingMode.HALF_EVEN).toPlainString());
            return;
        }
        long scaled = Math.round(v * SCALE);
        if (scaled == 0) {
            sb.append('0');
            return;
        }
        if (scaled < 0) {
            sb.append('-');
            scaled = -scaled;
        }
        long whole = scaled / 1_000_000;
        long fraction = scaled % 1_000_000;
        sb.append(whole);
        if (fraction != 0) {
            sb.append('.');
            int digits = 6;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            String f = Long.toString(fraction);
            for (int i = f.length(); i < digits; i++) {
                sb.append('0');
            }
            sb.append(f);
        }
    }
}
