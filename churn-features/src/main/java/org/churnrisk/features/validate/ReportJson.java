package org.churnrisk.features.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link ValidationReport} as JSON, keys in a fixed order. Stateless. */
final class ReportJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter PRETTY = new ObjectMapper().writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private ReportJson() {
    }

    static String render(ValidationReport report) {
        ObjectNode root = NODES.objectNode();
        root.put("format_version", ValidationReport.JSON_FORMAT_VERSION);
        root.put("book", report.book());
        root.put("valid", report.valid());
        root.put("problems", report.problems());
        root.put("rows_read", report.rowsRead());
        root.put("invalid_rows", report.invalidRows());
        root.put("max_problems_per_source", report.maxProblems());
        // Rounded so that the file does not carry noise digits.
        root.put("seconds", Double.parseDouble(String.format(Locale.ROOT, "%.3f", report.seconds())));
        ArrayNode sources = root.putArray("sources");
        for (SourceReport s : report.sources()) {
            sources.add(source(s));
        }
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        try {
            return PRETTY.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serializes
        }
    }

    private static ObjectNode source(SourceReport s) {
        ObjectNode node = NODES.objectNode();
        node.put("source", s.source().fileStem());
        node.put("status", s.status().name().toLowerCase(Locale.ROOT));
        ArrayNode files = node.putArray("files");
        s.files().forEach(files::add);
        node.put("rows_read", s.rows().read());
        node.put("valid_rows", s.rows().accepted());
        node.put("invalid_rows", s.rows().rejected());
        node.put("dated_by", s.datedBy());
        node.put("first_day", day(s.firstDay()));
        node.put("last_day", day(s.lastDay()));
        node.put("problems", s.problems());
        ArrayNode kinds = node.putArray("problem_kinds");
        for (Map.Entry<String, Long> kind : s.problemKinds().entrySet()) {
            kinds.addObject().put("kind", kind.getKey()).put("count", kind.getValue());
        }
        ArrayNode problems = node.putArray("first_problems");
        for (Problem p : s.firstProblems()) {
            ObjectNode problem = problems.addObject();
            problem.put("file", p.file());
            if (p.line() > 0) {
                problem.put("line", p.line());
            } else {
                problem.putNull("line");
            }
            problem.put("column", p.column());
            problem.put("value", p.value());
            problem.put("kind", p.kind());
            problem.put("reason", p.reason());
            problem.put("message", p.message());
        }
        ArrayNode notes = node.putArray("notes");
        s.notes().forEach(notes::add);
        return node;
    }

    private static String day(LocalDate day) {
        return day == null ? null : day.toString();
    }
}
