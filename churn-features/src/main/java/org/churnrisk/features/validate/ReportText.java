package org.churnrisk.features.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.churnrisk.features.io.problems.ReadStats;

/** Renders a {@link ValidationReport} for people. Stateless. */
final class ReportText {
    private static final String[] HEADER = {"source", "files", "rows read", "valid", "invalid", "dates"};

    private ReportText() {
    }

    static String render(ValidationReport report) {
        StringBuilder out = new StringBuilder();
        table(report, out);
        for (SourceReport s : report.sources()) {
            if (!s.valid()) {
                problems(s, out);
            }
        }
        List<String> notes = new ArrayList<>();
        for (SourceReport s : report.sources()) {
            s.notes().forEach(n -> notes.add(s.source().fileStem() + ": " + n));
        }
        notes.addAll(report.notes());
        if (!notes.isEmpty()) {
            out.append("\nNotes:\n");
            notes.forEach(n -> out.append("  ").append(n).append('\n'));
        }
        out.append('\n');
        if (report.valid()) {
            long read = report.sources().stream().filter(s -> s.status() == SourceReport.Status.READ).count();
            out.append(String.format(Locale.ROOT, "Valid: %,d rows read from %d sources, no problems (%.1f s).\n",
                    report.rowsRead(), read, report.seconds()));
        } else {
            long sources = report.sources().stream().filter(s -> !s.valid()).count();
            out.append(String.format(Locale.ROOT, "Not valid: %s in %s; %s (%.1f s).\n",
                    count(report.problems(), "problem"), count(sources, "source"),
                    count(report.invalidRows(), "invalid row"), report.seconds()));
        }
        return out.toString();
    }

    private static void table(ValidationReport report, StringBuilder out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        int files = 0;
        ReadStats.Counts total = ReadStats.Counts.ZERO;
        for (SourceReport s : report.sources()) {
            files += s.files().size();
            total = total.plus(s.rows());
            rows.add(switch (s.status()) {
                case READ -> new String[] {s.source().fileStem(), Integer.toString(s.files().size()),
                    grouped(s.rows().read()), grouped(s.rows().accepted()), grouped(s.rows().rejected()), dates(s)};
                case MISSING -> new String[] {s.source().fileStem(), "0", "-", "-", "-", "no file"};
                case NOT_CHECKED -> new String[] {s.source().fileStem(), Integer.toString(s.files().size()), "-", "-",
                    "-", "not checked"};
            });
        }
        rows.add(new String[] {"total", Integer.toString(files), grouped(total.read()), grouped(total.accepted()),
            grouped(total.rejected()), ""});
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(String.format("%-" + widths[0] + "s", row[0]));
            for (int c = 1; c < row.length - 1; c++) {
                line.append("  ").append(String.format("%" + widths[c] + "s", row[c]));
            }
            line.append("  ").append(row[row.length - 1]);
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String dates(SourceReport s) {
        if (s.firstDay() == null) {
            return s.rows().accepted() == 0 ? "no valid row" : "no " + s.datedBy();
        }
        return s.firstDay() + " to " + s.lastDay() + " (" + s.datedBy() + ")";
    }

    private static void problems(SourceReport s, StringBuilder out) {
        out.append('\n').append(s.source().fileStem()).append(": ").append(count(s.problems(), "problem")).append('\n');
        int width = 0;
        for (long n : s.problemKinds().values()) {
            width = Math.max(width, grouped(n).length());
        }
        for (Map.Entry<String, Long> kind : s.problemKinds().entrySet()) {
            out.append(String.format("  %" + width + "s  ", grouped(kind.getValue()))).append(kind.getKey()).append('\n');
        }
        if (s.firstProblems().isEmpty()) {
            return;
        }
        out.append(s.firstProblems().size() < s.problems()
                ? "  the first " + s.firstProblems().size() + " of " + grouped(s.problems()) + " in full:\n"
                : "  in full:\n");
        for (Problem p : s.firstProblems()) {
            out.append("    ").append(p.message()).append('\n');
        }
    }

    private static String count(long n, String noun) {
        return grouped(n) + " " + noun + (n == 1 ? "" : "s");
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
