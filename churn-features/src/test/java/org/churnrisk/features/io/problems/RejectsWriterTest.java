package org.churnrisk.features.io.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.churnrisk.core.contract.Source;
import org.churnrisk.features.io.csv.CsvCursor;
import org.churnrisk.features.io.mapping.SourceMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rejects file of skip mode. */
class RejectsWriterTest {
    @TempDir
    Path dir;

    private List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file);
             CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(parser.getHeaderNames()).containsExactly("file", "line", "reason", "row");
            return parser.getRecords();
        }
    }

    private List<String> filesIn(Path d) throws IOException {
        try (Stream<Path> files = Files.list(d)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesRejectedRowsThatParseBack() throws IOException {
        Path book = dir.resolve("book");
        Files.createDirectories(book);
        Files.writeString(book.resolve("usage.csv"), "account_id,occurred_at,event\n"
                + "A-1,2025-03-04,login\n"
                + "A-2,\"2025-13-01\",\"multi\nline, \"\"quoted\"\"\"\n"
                + "A-3,2025-03-04\n");
        Path out = dir.resolve("out");
        try (RejectsWriter rejects = new RejectsWriter(out, Source.USAGE);
             CsvCursor c = new CsvCursor(book.resolve("usage.csv"), SourceMapping.defaults(Source.USAGE))) {
            while (true) {
                try {
                    if (!c.next()) {
                        break;
                    }
                    c.epochSecond(1);
                } catch (DataProblemException e) {
                    rejects.reject(c, e);
                }
            }
            assertThat(rejects.count()).isEqualTo(2);
        }
        List<CSVRecord> records = read(out.resolve("usage.rejects.csv"));
        assertThat(records).hasSize(2);
        assertThat(records.get(0).toList()).containsExactly("usage.csv", "3", "column 'occurred_at' value '2025-13-01'"
                + " is not a timestamp (expected ISO-8601 such as 2025-03-04T10:15:30Z, 2025-03-04T10:15:30 or 2025-03-04)",
                "A-2,\"2025-13-01\",\"multi\nline, \"\"quoted\"\"\"");
        assertThat(records.get(1).toList()).containsExactly("usage.csv", "5", "has 2 columns, the header has 3",
                "A-3,2025-03-04");
    }

    @Test
    void writesNothingWithoutAReject() throws IOException {
        try (RejectsWriter rejects = new RejectsWriter(dir, Source.USAGE)) {
            assertThat(rejects.count()).isZero();
        }
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void showsTheFileOnlyWhenClosed() throws IOException {
        RejectsWriter rejects = new RejectsWriter(dir, Source.TICKETS);
        rejects.reject("tickets.csv", "7", "column 'priority' value 'asap' is not one of low, normal, high, urgent",
                "T-1,A-1,2025-03-04,,asap");
        assertThat(Files.exists(rejects.path())).isFalse();
        rejects.close();
        assertThat(filesIn(dir)).containsExactly("tickets.rejects.csv");
        assertThat(read(rejects.path())).hasSize(1);
    }

    @Test
    void replacesAnEarlierRunsFile() throws IOException {
        Files.writeString(dir.resolve("usage.rejects.csv"), "file,line,reason,row\nold.csv,1,old,old\n");
        try (RejectsWriter rejects = new RejectsWriter(dir, Source.USAGE)) {
            rejects.reject("usage.csv", "2", "new", "x");
        }
        assertThat(read(dir.resolve("usage.rejects.csv"))).extracting(r -> r.get("reason")).containsExactly("new");
    }

    @Test
    void removesAnEarlierRunsFileWhenThereIsNoReject() throws IOException {
        Files.writeString(dir.resolve("usage.rejects.csv"), "file,line,reason,row\nold.csv,1,old,old\n");
        new RejectsWriter(dir, Source.USAGE).close();
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void refusesRejectsAfterClose() throws IOException {
        RejectsWriter rejects = new RejectsWriter(dir, Source.USAGE);
        rejects.close();
        assertThatThrownBy(() -> rejects.reject("usage.csv", "1", "x", "y")).isInstanceOf(IllegalStateException.class);
    }

    /** Issue 18 item 4: a rejects file is opened in spreadsheets too, so every cell goes through the formula guard. */
    @Test
    void cellsThatLookLikeFormulasAreWrittenAsText() throws IOException {
        try (RejectsWriter rejects = new RejectsWriter(dir, Source.USAGE)) {
            rejects.reject("usage.csv", "2", "column 'quantity' value '-2' is negative", "=HYPERLINK(\"http://x\"),1");
            rejects.reject("usage.csv", "3", "@reason", "+A1,2");
            rejects.reject("=file.csv", "4", "x", "\uFF1D1+1");
            rejects.reject("usage.csv", "5", "x", "  -A1");
            rejects.reject("usage.csv", "6", "x", "|cmd");
            rejects.reject("usage.csv", "7", "x", "\tA1");
        }
        assertThat(read(dir.resolve("usage.rejects.csv"))).extracting(r -> r.get("row")).containsExactly(
                "'=HYPERLINK(\"http://x\"),1", "'+A1,2", "'\uFF1D1+1", "'  -A1", "'|cmd", "'\tA1");
        assertThat(read(dir.resolve("usage.rejects.csv"))).extracting(r -> r.get("reason")).contains("'@reason");
        assertThat(read(dir.resolve("usage.rejects.csv"))).extracting(r -> r.get("file")).contains("'=file.csv");
    }

    /** Issue 18 item 5: the temporary file of a run killed before it finished goes with the next run. */
    @Test
    void aRunWithoutRejectsRemovesTheStalePartialOfAKilledRun() throws IOException {
        Path stale = Files.writeString(dir.resolve(".usage.rejects.csv." + deadPid() + ".123.partial"), "half");
        Path live = Files.writeString(dir.resolve(".usage.rejects.csv." + ProcessHandle.current().pid()
                + ".456.partial"), "another run, still going");
        new RejectsWriter(dir, Source.USAGE).close();
        assertThat(stale).doesNotExist();
        assertThat(live).exists();
    }

    /** A pid no process has: above the kernel's pid_max (at most 2^22 on Linux). */
    static long deadPid() {
        long pid = 4_194_304L * 8;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        return pid;
    }
}
