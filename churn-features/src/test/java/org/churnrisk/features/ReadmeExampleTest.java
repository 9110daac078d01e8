package org.churnrisk.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.testkit.ReadmeExamples.printed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.churnrisk.core.contract.Account;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.contract.UsageEvent;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.features.RiskBand;
import org.churnrisk.features.validate.BookValidator;
import org.churnrisk.features.validate.Problem;
import org.churnrisk.features.validate.SourceReport;
import org.churnrisk.features.validate.ValidationReport;
import org.churnrisk.testkit.ReadmeExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples of the README's "Using the library" section are the bodies of the three
 * {@code static} methods below: the tests run them and check that the README shows them as they
 * are, so the README cannot drift from code that compiles and works.
 */
class ReadmeExampleTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path SAMPLE_BOOK = MODULE.resolve("../sample-data/book");
    private static final ReadmeExamples README = ReadmeExamples.of(ReadmeExampleTest.class, "## Using the library");

    // ---- the examples: each body is a ```java block of the README, verbatim ----------------------

    static void featuresOfABook(Path book) throws IOException {
        // book: a directory of exports, such as Path.of("sample-data/book")
        FeatureExtractor extractor = FeatureExtractor.create(FeatureSettings.forBook(book, null));
        FeatureTable table = extractor.extract(book, LocalDate.parse("2026-10-01"));
        int row = table.rowOf("A00002");
        double logins = table.value(row, "logins_30d");
        double health = table.healthScore(row);
        RiskBand band = extractor.config().healthScore().band(health);
        System.out.printf("%s: %d active accounts; A00002 logged in %.0f times in 30 days, health %.1f (%s)%n",
                table.asOf(), table.rows(), logins, health, band.label());
    }

    static void validateABook(Path book) throws IOException {
        // Reads every file as features would, collects every problem, writes nothing.
        ValidationReport report = BookValidator.forBook(book).validate(book);
        for (SourceReport source : report.sources()) {
            for (Problem problem : source.firstProblems()) {
                System.out.println(problem.message()); // the file, line, column, value and what was expected
            }
        }
        System.out.printf("%s: %d rows read, %d problems%n", report.valid() ? "valid" : "not valid", report.rowsRead(),
                report.problems());
    }

    static void featuresOfRecordsInMemory() {
        Account acme = new Account("A-1001", "Acme Corp", 42_000, 60, LocalDate.parse("2024-04-01"),
                LocalDate.parse("2027-04-01"), Tier.GROWTH, "dana.lee");
        List<UsageEvent> usage = List.of(
                new UsageEvent("A-1001", Instant.parse("2026-09-28T09:00:00Z"), "u-17", "login", 3, 0),
                new UsageEvent("A-1001", Instant.parse("2026-09-29T10:30:00Z"), "u-17", "report_export", 2, 0));
        FeatureExtractor extractor = FeatureExtractor.create(FeatureConfig.DEFAULT);
        FeatureTable table = extractor.extract(List.of(AccountHistory.of(acme, usage)), LocalDate.parse("2026-10-01"));
        int row = table.rowOf("A-1001");
        System.out.printf("%.0f logins in 7 days, %.0f feature events in 30 days, last login %.0f days ago%n",
                table.value(row, "logins_7d"), table.value(row, "events_30d"), table.value(row, "days_since_last_login"));
    }

    // ---- running them ----------------------------------------------------------------------------

    @Test
    void theBookExamplePrintsPlausibleFeaturesOfTheSampleBook() throws IOException {
        String out = printed(() -> featuresOfABook(SAMPLE_BOOK));

        Matcher m = Pattern.compile("2026-10-01: (\\d+) active accounts; A00002 logged in (\\d+) times in 30 days, "
                + "health (\\d+\\.\\d) \\((red|yellow|green)\\)\\R").matcher(out);
        assertThat(m.matches()).as(out).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isBetween(100, 500); // the sample book has 500 accounts
        assertThat(Long.parseLong(m.group(2))).isEqualTo(septemberLogins("A00002"));
        double health = Double.parseDouble(m.group(3));
        assertThat(health).isBetween(0.0, 100.0);
        assertThat(m.group(4)).isEqualTo(health < 50 ? "red" : health > 75 ? "green" : "yellow");
    }

    /**
     * The account's login quantities in the sample book's September 2026 usage part, read with
     * plain string splitting: the 30 days before 2026-10-01 are exactly September.
     */
    private static long septemberLogins(String account) throws IOException {
        long sum = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(SAMPLE_BOOK.resolve("usage/part-2026-09.csv.gz"))), StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).isEqualTo("account_id,occurred_at,user_id,event,quantity,errors");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                if (f[0].equals(account) && f[3].equals("login")) {
                    sum += f[4].isEmpty() ? 1 : Long.parseLong(f[4]);
                }
            }
        }
        return sum;
    }

    @Test
    void theValidationExamplePrintsEachProblemOfABook(@TempDir Path dir) throws IOException {
        Path book = Files.createDirectories(dir.resolve("book"));
        Files.writeString(book.resolve("accounts.csv"), "account_id,arr\nA-1,100\n");
        Files.writeString(book.resolve("usage.csv"), "account_id,occurred_at,event,quantity\nA-1,2026-09-28,login,-2\n"
                + "A-2,2026-09-28,login,1\n");
        Files.writeString(book.resolve("tickets.csv"), "ticket_id,account_id,created_at\n");
        Files.writeString(book.resolve("surveys.csv"), "account_id,responded_at,kind,score\n");

        String out = printed(() -> validateABook(book));

        assertThat(out).isEqualTo(String.join(System.lineSeparator(),
                "usage.csv line 2: column 'quantity' value '-2' is negative (expected a whole number >= 0)",
                "usage.csv line 3: column 'account_id' value 'A-2' is not an account in accounts "
                        + "(expected the account_id of a listed account)",
                "not valid: 3 rows read, 2 problems", ""));
    }

    @Test
    void theInMemoryExamplePrintsTheHandComputedFeatures() throws IOException {
        String out = printed(ReadmeExampleTest::featuresOfRecordsInMemory);

        // the 3 logins at 2026-09-28T09:00Z are 2 days and 15 hours before the cutoff; report_export is a feature
        assertThat(out).isEqualTo("3 logins in 7 days, 2 feature events in 30 days, last login 2 days ago"
                + System.lineSeparator());
    }

    // ---- the README shows them as they are -------------------------------------------------------

    @Test
    void theReadmeShowsTheExamplesAsTheyAre() throws IOException {
        List<String> blocks = README.javaBlocks();

        assertThat(blocks).containsExactly(README.body("featuresOfABook"), README.body("validateABook"),
                README.body("featuresOfRecordsInMemory"));
    }
}
