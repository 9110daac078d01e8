package org.churnrisk.train.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of strings rendered as padded plain text or padded Markdown; the first column is
 * left-aligned and the others right-aligned, as numbers read best. Lines end in {@code \n} and
 * carry no trailing spaces. Not thread-safe while being filled.
 */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> header) {
        this.header = List.copyOf(header);
    }

    Table row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row of " + cells.size() + " cells in a table of " + header.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    String text() {
        int[] width = widths(header, rows);
        StringBuilder sb = new StringBuilder();
        line(sb, header, width, "", "  ", "");
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        line(sb, rule, width, "", "  ", "");
        for (List<String> row : rows) {
            line(sb, row, width, "", "  ", "");
        }
        return sb.toString();
    }

    String markdown() {
        List<String> escapedHeader = escape(header);
        List<List<String>> escapedRows = new ArrayList<>();
        for (List<String> row : rows) {
            escapedRows.add(escape(row));
        }
        int[] width = widths(escapedHeader, escapedRows);
        for (int c = 0; c < width.length; c++) {
            width[c] = Math.max(width[c], 4);
        }
        StringBuilder sb = new StringBuilder();
        line(sb, escapedHeader, width, "| ", " | ", " |");
        List<String> rule = new ArrayList<>();
        for (int c = 0; c < width.length; c++) {
            rule.add(c == 0 ? ":" + "-".repeat(width[c] - 1) : "-".repeat(width[c] - 1) + ":");
        }
        line(sb, rule, width, "| ", " | ", " |");
        for (List<String> row : escapedRows) {
            line(sb, row, width, "| ", " | ", " |");
        }
        return sb.toString();
    }

    private static int[] widths(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        return width;
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width, String open, String sep, String close) {
        StringBuilder line = new StringBuilder(open);
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            if (c > 0) {
                line.append(sep);
            }
            line.append(c == 0 ? cell + pad : pad + cell);
        }
        line.append(close);
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    private static List<String> escape(List<String> cells) {
        List<String> out = new ArrayList<>(cells.size());
        for (String cell : cells) {
            out.add(cell.replace("|", "\\|"));
        }
        return out;
    }
}
