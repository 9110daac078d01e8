package org.churnrisk.score.workflow;

import org.churnrisk.features.output.Csv;
import org.churnrisk.features.output.Numbers;
import org.churnrisk.score.ScoredAccount;

/** Writing one CSV line: text through the formula guard, numbers rounded and never prefixed. */
final class Cells {
    private final StringBuilder sb;
    private boolean first = true;

    Cells(StringBuilder sb) {
        this.sb = sb;
    }

    Cells text(String s) {
        sep();
        Csv.appendText(sb, s);
        return this;
    }

    Cells number(double v, double scale) {
        sep();
        if (Double.isFinite(v)) {
            double scaled = v * scale;
            Numbers.append(sb, Math.abs(scaled) >= 0x1p52 ? v : Math.round(scaled) / scale);
        }
        return this;
    }

    Cells whole(long v) {
        sep();
        sb.append(v);
        return this;
    }

    Cells raw(Object o) {
        sep();
        if (o != null) {
            sb.append(o);
        }
        return this;
    }

    /** probability (4 decimals), band, ARR at risk (2), health score (1). */
    Cells risk(ScoredAccount a) {
        number(a.scored() ? a.probability() : Double.NaN, 10_000);
        text(a.bandLabel());
        number(a.arrAtRisk(), 100);
        return number(a.healthScore(), 10);
    }

    void end() {
        sb.append('\n');
        first = true;
    }

    private void sep() {
        if (!first) {
            sb.append(',');
        }
        first = false;
    }

    static String header(java.util.List<String> columns) {
        return String.join(",", columns) + "\n";
    }

    static String driver(ScoredAccount a) {
        if (!a.scored()) {
            return "not scored: " + a.unscoredReason();
        }
        return a.drivers().isEmpty() ? "" : a.drivers().get(0).phrase();
    }
}
