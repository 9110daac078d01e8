package org.churnrisk.score.report;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The report's charts as inline SVG, drawn by the project (no script, no library, no network).
 * Every data point is an element of class {@code mark} carrying its value in {@code data-value},
 * so a test can tell that a chart has data. Stateless.
 */
final class Svg {
    static final int W = 640;
    static final int H = 260;
    private static final int LEFT = 78;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 44;

    /** A named series of values, drawn in a CSS class ({@code red}, {@code model} ...). */
    record Series(String name, String css, double[] values) {
    }

    private Svg() {
    }

    /**
     * Bars per category; with {@code stacked} the series are piled up, else side by side.
     *
     * @param format how an axis value is written
     */
    static String bars(String label, List<String> categories, List<Series> series, boolean stacked,
                       DoubleFunction<String> format) {
        double max = 0;
        for (int c = 0; c < categories.size(); c++) {
            double sum = 0;
            for (Series s : series) {
                sum = stacked ? sum + s.values()[c] : Math.max(sum, s.values()[c]);
            }
            max = Math.max(max, sum);
        }
        double top = niceMax(max);
        StringBuilder sb = open(label);
        axis(sb, top, format);
        double plotW = W - LEFT - RIGHT;
        double slot = plotW / Math.max(1, categories.size());
        double barW = stacked ? slot * 0.6 : slot * 0.8 / Math.max(1, series.size());
        for (int c = 0; c < categories.size(); c++) {
            double x0 = LEFT + c * slot + (stacked ? slot * 0.2 : slot * 0.1);
            double base = 0;
            for (int k = 0; k < series.size(); k++) {
                Series s = series.get(k);
                double v = s.values()[c];
                double y1 = y(base + v, top);
                double y0 = y(base, top);
                double x = stacked ? x0 : x0 + k * barW;
                sb.append(String.format(Locale.ROOT,
                        "<rect class=\"mark %s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" data-value=\"%s\">"
                                + "<title>%s, %s: %s</title></rect>",
                        s.css(), x, y1, barW, Math.max(0, y0 - y1), num(v), Html.esc(categories.get(c)),
                        Html.esc(s.name()), Html.esc(format.apply(v))));
                if (stacked) {
                    base += v;
                }
            }
            sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    LEFT + c * slot + slot / 2, H - BOTTOM + 16, Html.esc(categories.get(c))));
        }
        legend(sb, series);
        return sb.append("</svg>").toString();
    }

    /** One line per series over the categories (runs), a dot on every value. */
    static String lines(String label, List<String> categories, List<Series> series, DoubleFunction<String> format) {
        double max = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                max = Math.max(max, v);
            }
        }
        double top = niceMax(max);
        StringBuilder sb = open(label);
        axis(sb, top, format);
        double plotW = W - LEFT - RIGHT;
        int n = categories.size();
        double step = n > 1 ? plotW / (n - 1) : 0;
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            for (int c = 0; c < n; c++) {
                double x = n > 1 ? LEFT + c * step : LEFT + plotW / 2;
                points.append(String.format(Locale.ROOT, "%s%.1f,%.1f", c == 0 ? "" : " ", x, y(s.values()[c], top)));
            }
            if (n > 1) {
                sb.append("<polyline class=\"line ").append(s.css()).append("\" points=\"").append(points)
                        .append("\"/>");
            }
            for (int c = 0; c < n; c++) {
                double x = n > 1 ? LEFT + c * step : LEFT + plotW / 2;
                sb.append(String.format(Locale.ROOT,
                        "<circle class=\"mark %s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" data-value=\"%s\"><title>%s, %s: %s"
                                + "</title></circle>", s.css(), x, y(s.values()[c], top), num(s.values()[c]),
                        Html.esc(categories.get(c)), Html.esc(s.name()), Html.esc(format.apply(s.values()[c]))));
            }
        }
        // at most 8 date labels, so they never overlap
        int every = Math.max(1, (int) Math.ceil(n / 8.0));
        for (int c = 0; c < n; c += every) {
            double x = n > 1 ? LEFT + c * step : LEFT + plotW / 2;
            sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    x, H - BOTTOM + 16, Html.esc(categories.get(c))));
        }
        legend(sb, series);
        return sb.append("</svg>").toString();
    }

    /**
     * Mean predicted probability against the observed churn rate per bin, with the diagonal of a
     * perfectly calibrated model; a dot's area grows with its bin's count.
     */
    static String reliability(String label, double[] predicted, double[] observed, int[] counts) {
        double top = 0;
        for (int i = 0; i < predicted.length; i++) {
            top = Math.max(top, Math.max(predicted[i], observed[i]));
        }
        top = Math.min(1, niceMax(top));
        StringBuilder sb = open(label);
        axis(sb, top, v -> pct(v));
        double plotW = W - LEFT - RIGHT;
        sb.append(String.format(Locale.ROOT, "<line class=\"diagonal\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                LEFT, y(0, top), LEFT + plotW, y(top, top)));
        int maxCount = 1;
        for (int c : counts) {
            maxCount = Math.max(maxCount, c);
        }
        for (int i = 0; i < predicted.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            double x = LEFT + predicted[i] / top * plotW;
            double r = 3 + 6 * Math.sqrt(counts[i] / (double) maxCount);
            sb.append(String.format(Locale.ROOT,
                    "<circle class=\"mark model\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" data-value=\"%s\"><title>predicted %s,"
                            + " observed %s, %d snapshots</title></circle>", x, y(observed[i], top), r, num(observed[i]),
                    pct(predicted[i]), pct(observed[i]), counts[i]));
        }
        for (int t = 0; t <= 4; t++) {
            double v = top * t / 4;
            sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    LEFT + v / top * plotW, H - BOTTOM + 16, pct(v)));
        }
        sb.append(String.format(Locale.ROOT, "<text class=\"axis-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
                + "mean predicted probability</text>", LEFT + plotW / 2, H - 8));
        return sb.append("</svg>").toString();
    }

    private static StringBuilder open(String label) {
        return new StringBuilder().append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W)
                .append(' ').append(H).append("\" role=\"img\" aria-label=\"").append(Html.esc(label)).append("\">");
    }

    private static void axis(StringBuilder sb, double top, DoubleFunction<String> format) {
        for (int t = 0; t <= 4; t++) {
            double v = top * t / 4;
            double yy = y(v, top);
            sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
                    LEFT, yy, W - RIGHT, yy));
            sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT - 6, yy + 4, Html.esc(format.apply(v))));
        }
    }

    private static void legend(StringBuilder sb, List<Series> series) {
        double x = LEFT;
        for (Series s : series) {
            sb.append(String.format(Locale.ROOT, "<rect class=\"key %s\" x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\"/>"
                    + "<text class=\"tick\" x=\"%.1f\" y=\"%d\">%s</text>", s.css(), x, H - 20, x + 14, H - 11,
                    Html.esc(s.name())));
            x += 24 + 7.5 * s.name().length();
        }
    }

    private static double y(double v, double top) {
        double plotH = H - TOP - BOTTOM;
        return TOP + plotH - (top <= 0 ? 0 : v / top * plotH);
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code max}; 1 for nothing. */
    static double niceMax(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(max)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= max * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }
}
