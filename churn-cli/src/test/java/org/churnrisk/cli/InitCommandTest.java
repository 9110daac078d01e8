package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.cli.CliRun.churn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code churn init}: drafts a mapping, validates with it, never overwrites without --force. */
class InitCommandTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path SAMPLE_BOOK = MODULE.resolve("../sample-data/book");
    private static final Path JSONL_BOOK = MODULE.resolve("../churn-features/src/test/resources/io/jsonl-book");

    @TempDir
    Path dir;

    private Path exports() throws IOException {
        Path book = dir.resolve("exports");
        Files.createDirectories(book);
        Files.writeString(book.resolve("hubspot_companies.csv"), """
                Company ID,Company name,Annual recurring revenue,Number of seats,Became a customer date,Plan
                C-1,Acme,42000,60,2024-04-01,Business
                C-2,Globex,3000,5,2023-01-15,Free
                C-3,Initech,15000,20,2024-06-01,Team
                """, StandardCharsets.UTF_8);
        Files.writeString(book.resolve("amplitude_events.csv"), """
                company_id,event_time,user_id,event_type
                C-1,2025-03-01 09:15:00,u1,Sign In
                C-1,2025-03-01 09:20:00,u1,Report Built
                C-3,2025-03-02 11:00:00,u7,Sign In
                """, StandardCharsets.UTF_8);
        return book;
    }

    @Test
    void writesTheDraftAndValidatesTheFolderWithIt() throws IOException {
        Path book = exports();

        CliRun run = churn("init", "--data", book.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK.code());
        String yaml = Files.readString(book.resolve("churn.yaml"));
        assertThat(yaml).contains("file: \"hubspot_companies.csv\"", "arr: \"Annual recurring revenue\"",
                "\"Business\": enterprise", "\"Free\": starter", "\"Team\": growth", "login_event: \"Sign In\"",
                "contract_start: \"Became a customer date\"");
        assertThat(run.out()).contains("Wrote " + book.resolve("churn.yaml"), "Valid: 6 rows read");
    }

    @Test
    void neverOverwritesAnExistingMappingWithoutForce() throws IOException {
        Path book = exports();
        Path yaml = book.resolve("churn.yaml");
        Files.writeString(yaml, "zone: UTC\n");

        CliRun refused = churn("init", "--data", book.toString());

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(refused.err()).contains("exists", "--force");
        assertThat(Files.readString(yaml)).isEqualTo("zone: UTC\n");

        CliRun forced = churn("init", "--data", book.toString(), "--force");

        assertThat(forced.exitCode()).as(forced.err()).isEqualTo(ExitCode.OK.code());
        assertThat(Files.readString(yaml)).contains("sources:");
    }

    @Test
    void theSampleBookKeepsItsMappingAndValidatesWithADraftWrittenElsewhere() throws IOException {
        byte[] before = Files.readAllBytes(SAMPLE_BOOK.resolve("churn.yaml"));
        CliRun refused = churn("init", "--data", SAMPLE_BOOK.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(Files.readAllBytes(SAMPLE_BOOK.resolve("churn.yaml"))).isEqualTo(before);

        Path draft = dir.resolve("draft.yaml");
        CliRun run = churn("init", "--data", SAMPLE_BOOK.toString(), "--out", draft.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("Valid:", "no problems");
        assertThat(Files.readString(draft)).contains("files: [\"usage\"]", "file: \"churn.csv\"");
    }

    /** The JSON Lines worked example of docs/mapping.md, without its churn.yaml: the draft reads every line. */
    @Test
    void aFolderOfJsonLinesExportsValidatesWithTheDraft() throws IOException {
        Path book = Files.createDirectories(dir.resolve("jsonl"));
        for (String name : new String[] {"accounts.csv", "events.jsonl", "tickets.ndjson"}) {
            Files.copy(JSONL_BOOK.resolve(name), book.resolve(name));
        }

        CliRun run = churn("init", "--data", book.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("Valid: 8 rows read").doesNotContain("not yet inferred");
        assertThat(Files.readString(book.resolve("churn.yaml"))).contains("file: \"events.jsonl\"",
                "timestamp_patterns: [\"epoch_seconds\"]", "occurred_at: \"properties.time\"",
                "escalated: \"custom.escalated\"");
    }

    @Test
    void aFolderThatIsNotThereIsAUsageError() {
        CliRun run = churn("init", "--data", dir.resolve("nothing").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("is not a directory");
    }
}
