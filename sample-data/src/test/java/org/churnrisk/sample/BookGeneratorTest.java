package org.churnrisk.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.Account;
import org.churnrisk.core.contract.ChurnEvent;
import org.churnrisk.core.contract.Contract;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.contract.SurveyKind;
import org.churnrisk.core.contract.SurveyResponse;
import org.churnrisk.core.contract.Ticket;
import org.churnrisk.core.contract.TicketPriority;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.contract.Touchpoint;
import org.churnrisk.core.contract.TouchpointKind;
import org.churnrisk.core.contract.UsageEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BookGeneratorTest {
    private static final GeneratorConfig SMALL = GeneratorConfig.builder().accounts(160).days(400).seed(11)
            .truthSamples(8).usageLayout(UsageLayout.MONTHLY_CSV_GZ).build();

    @TempDir
    static Path shared;
    static Path book;
    static GenerationReport report;
    static BookFiles.History history;

    @BeforeAll
    static void generateSmallBook() throws IOException {
        book = shared.resolve("book");
        report = BookGenerator.generate(SMALL, book, false, ProgressListener.NONE);
        history = BookFiles.History.of(book);
    }

    @Test
    void sameSeedGivesByteIdenticalBooks(@TempDir Path dir) throws IOException {
        Path again = dir.resolve("again");
        BookGenerator.generate(SMALL, again, false, ProgressListener.NONE);

        List<Path> files = relativeFiles(book);
        assertThat(relativeFiles(again)).isEqualTo(files);
        for (Path file : files) {
            assertThat(Files.readAllBytes(again.resolve(file)))
                    .as(file.toString())
                    .isEqualTo(Files.readAllBytes(book.resolve(file)));
        }
    }

    @Test
    void anotherSeedGivesAnotherBook(@TempDir Path dir) throws IOException {
        Path other = dir.resolve("other");
        BookGenerator.generate(SMALL.toBuilder().seed(12).build(), other, false, ProgressListener.NONE);

        assertThat(Files.readAllBytes(other.resolve("churn.csv")))
                .isNotEqualTo(Files.readAllBytes(book.resolve("churn.csv")));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void everySourceIsWrittenWithTheContractHeader(Source source) throws IOException {
        List<Path> files = BookFiles.files(book, source);

        assertThat(files).isNotEmpty();
        // The generator's book has no account executives: the optional ae column is left out.
        List<String> expected = source.columnNames().stream()
                .filter(column -> !(source == Source.ACCOUNTS && column.equals("ae")))
                .toList();
        for (Path file : files) {
            assertThat(BookFiles.header(file)).isEqualTo(expected);
        }
    }

    @Test
    void usageIsSplitIntoMonthlyGzippedParts() throws IOException {
        List<Path> parts = BookFiles.files(book, Source.USAGE);

        assertThat(parts).hasSizeBetween(13, 15);
        assertThat(parts).allSatisfy(p -> assertThat(p.getFileName().toString()).matches("part-\\d{4}-\\d{2}\\.csv\\.gz"));
    }

    @Test
    void reportCountsTheRowsInTheFiles() {
        assertThat(BookFiles.read(book, Source.USAGE)).hasSize((int) report.usageRows());
        assertThat(BookFiles.read(book, Source.TICKETS)).hasSize((int) report.ticketRows());
        assertThat(BookFiles.read(book, Source.ACCOUNTS)).hasSize((int) report.accountRows());
        assertThat(BookFiles.read(book, Source.CHURN)).hasSize((int) report.churnRows());
        assertThat(report.usageRows()).isPositive();
    }

    @Test
    void everyRowSatisfiesTheContractRecords() {
        Set<String> accountIds = new HashSet<>();
        for (CSVRecord r : BookFiles.read(book, Source.ACCOUNTS)) {
            Account a = new Account(r.get("account_id"), r.get("account_name"), Double.parseDouble(r.get("arr")),
                    Integer.valueOf(r.get("licensed_seats")), LocalDate.parse(r.get("contract_start")),
                    r.get("renewal_date").isEmpty() ? null : LocalDate.parse(r.get("renewal_date")),
                    Tier.parse(r.get("tier")), r.get("csm"));
            assertThat(accountIds.add(a.accountId())).as("duplicate account " + a.accountId()).isTrue();
        }
        BookFiles.forEach(book, Source.USAGE, r -> {
            UsageEvent e = new UsageEvent(r.get("account_id"), day(r.get("occurred_at")), r.get("user_id"),
                    r.get("event"), Long.parseLong(r.get("quantity")), Long.parseLong(r.get("errors")));
            assertThat(accountIds).contains(e.accountId());
        });
        Set<String> ticketIds = new HashSet<>();
        for (CSVRecord r : BookFiles.read(book, Source.TICKETS)) {
            Ticket t = new Ticket(r.get("ticket_id"), r.get("account_id"), Instant.parse(r.get("created_at")),
                    r.get("resolved_at").isEmpty() ? null : Instant.parse(r.get("resolved_at")),
                    TicketPriority.parse(r.get("priority")), Boolean.parseBoolean(r.get("escalated")),
                    r.get("satisfaction").isEmpty() ? null : Integer.valueOf(r.get("satisfaction")));
            assertThat(ticketIds.add(t.ticketId())).as("duplicate ticket " + t.ticketId()).isTrue();
        }
        for (CSVRecord r : BookFiles.read(book, Source.SURVEYS)) {
            new SurveyResponse(r.get("account_id"), Instant.parse(r.get("responded_at")),
                    SurveyKind.parse(r.get("kind")), Integer.parseInt(r.get("score")), r.get("respondent"));
        }
        for (CSVRecord r : BookFiles.read(book, Source.TOUCHPOINTS)) {
            new Touchpoint(r.get("account_id"), day(r.get("occurred_at")), TouchpointKind.parse(r.get("kind")));
        }
        for (CSVRecord r : BookFiles.read(book, Source.CONTRACTS)) {
            new Contract(r.get("account_id"), LocalDate.parse(r.get("start_date")), LocalDate.parse(r.get("end_date")),
                    Double.parseDouble(r.get("arr")), Integer.valueOf(r.get("seats")), r.get("plan"));
        }
        for (CSVRecord r : BookFiles.read(book, Source.CHURN)) {
            new ChurnEvent(r.get("account_id"), LocalDate.parse(r.get("churned_at")), r.get("reason"));
        }
        assertThat(ticketIds).isNotEmpty();
    }

    @Test
    void activityHappensOnlyWhileAnAccountIsACustomer() {
        List<String> strays = new ArrayList<>();
        BookFiles.forEach(book, Source.USAGE, r -> {
            if (!history.customerOn(r.get("account_id"), LocalDate.parse(r.get("occurred_at")))) {
                strays.add("usage " + r);
            }
        });
        for (CSVRecord r : BookFiles.read(book, Source.TICKETS)) {
            if (!history.customerOn(r.get("account_id"), LocalDate.parse(r.get("created_at").substring(0, 10)))) {
                strays.add("ticket " + r);
            }
        }
        for (CSVRecord r : BookFiles.read(book, Source.TOUCHPOINTS)) {
            if (!history.customerOn(r.get("account_id"), LocalDate.parse(r.get("occurred_at")))) {
                strays.add("touchpoint " + r);
            }
        }
        assertThat(strays).isEmpty();
    }

    @Test
    void activityStaysInsideTheExportWindow() {
        LocalDate start = SMALL.start();
        LocalDate end = SMALL.end();
        List<LocalDate> days = new ArrayList<>();
        BookFiles.forEach(book, Source.USAGE, r -> days.add(LocalDate.parse(r.get("occurred_at"))));

        assertThat(days).allSatisfy(d -> assertThat(d).isBetween(start, end.minusDays(1)));
        assertThat(days).contains(start, end.minusDays(1));
    }

    @Test
    void aTermOverlapsTheOneBeforeOnlyAfterAChurn() {
        history.terms.forEach((account, terms) -> {
            List<LocalDate> churns = history.churns.getOrDefault(account, List.of());
            for (int i = 1; i < terms.size(); i++) {
                BookFiles.History.Term before = terms.get(i - 1);
                BookFiles.History.Term term = terms.get(i);
                assertThat(term.start()).as(account).isAfter(before.start());
                if (term.start().isBefore(before.end())) {
                    assertThat(churns).as(account)
                            .anyMatch(c -> c.isAfter(before.start()) && !c.isAfter(term.start()));
                }
            }
            assertThat(terms).allSatisfy(t -> assertThat(t.end()).isEqualTo(t.start().plusDays(365)));
        });
    }

    @Test
    void accountsFileShowsTodaysState() {
        LocalDate lastDay = SMALL.end().minusDays(1);
        for (CSVRecord r : BookFiles.read(book, Source.ACCOUNTS)) {
            String id = r.get("account_id");
            BookFiles.History.Term term = history.termOn(id, lastDay);
            if (term == null) {
                assertThat(r.get("arr")).as(id).isEqualTo("0");
                assertThat(r.get("renewal_date")).as(id).isEmpty();
            } else {
                assertThat(r.get("renewal_date")).as(id).isEqualTo(term.end().toString());
                assertThat(Integer.parseInt(r.get("licensed_seats"))).as(id).isEqualTo(term.seats());
                assertThat(r.get("tier")).as(id).isEqualTo(term.tier());
            }
        }
    }

    @Test
    void truthHasOneProbabilityPerActiveAccountAndMonthStart() throws IOException {
        Map<LocalDate, Set<String>> truth = new HashMap<>();
        for (CSVRecord r : BookFiles.readFile(book.resolve("truth.csv"))) {
            double p = Double.parseDouble(r.get("p_churn_120d"));
            assertThat(p).isBetween(0.0, 1.0);
            truth.computeIfAbsent(LocalDate.parse(r.get("as_of")), k -> new HashSet<>()).add(r.get("account_id"));
        }
        Set<String> accounts = history.terms.keySet();
        assertThat(truth).hasSize(13);
        truth.forEach((asOf, ids) -> {
            assertThat(asOf.getDayOfMonth()).isEqualTo(1);
            Set<String> active = new HashSet<>();
            accounts.stream().filter(a -> history.activeAt(a, asOf)).forEach(active::add);
            assertThat(ids).as(asOf.toString()).isEqualTo(active);
        });
    }

    @Test
    void refusesADirectoryThatHoldsSomethingElse(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("precious.txt"), "keep me");

        assertThatThrownBy(() -> BookGenerator.generate(SMALL, dir, true, ProgressListener.NONE))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("was not made by this generator");
        assertThat(dir.resolve("precious.txt")).hasContent("keep me");
    }

    @Test
    void refusesToReplaceABookUnlessAskedTo(@TempDir Path dir) throws IOException {
        GeneratorConfig tiny = SMALL.toBuilder().accounts(5).days(30).truthSamples(0).build();
        Path target = dir.resolve("book");
        BookGenerator.generate(tiny, target, false, ProgressListener.NONE);

        assertThatThrownBy(() -> BookGenerator.generate(tiny, target, false, ProgressListener.NONE))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("--overwrite");
        BookGenerator.generate(tiny.toBuilder().seed(99).build(), target, true, ProgressListener.NONE);
        assertThat(Files.readString(target.resolve(BookGenerator.MANIFEST))).contains("\"seed\": 99");
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings).containsExactly(target);
        }
    }

    @Test
    void reportsProgressUpToTheLastDay(@TempDir Path dir) throws IOException {
        List<Long> done = new ArrayList<>();
        GeneratorConfig tiny = SMALL.toBuilder().accounts(5).days(40).truthSamples(0).build();
        BookGenerator.generate(tiny, dir.resolve("book"), false, (stage, d, total) -> done.add(d));

        assertThat(done).isSorted().endsWith(40L);
    }

    private static Instant day(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static List<Path> relativeFiles(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
