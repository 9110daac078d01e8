package org.churnrisk.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.io.problems.DataProblemException;
import org.churnrisk.features.output.FeatureTableWriter;
import org.churnrisk.sample.BookGenerator;
import org.churnrisk.sample.GeneratorConfig;
import org.churnrisk.sample.UsageLayout;
import org.churnrisk.score.ChurnSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A book whose mapping needs more than column names: usage keyed by subscription, the account
 * looked up through a subscriptions table, in part files found by a {@code files:} glob among
 * files the glob leaves out. Spark gives the single machine's feature table of that book, which
 * is the table of the canonical book it was made from.
 */
class MappedBookTest {
    static final LocalDate AS_OF = LocalDate.parse("2026-03-01");
    static final List<LocalDate> DATES = List.of(LocalDate.parse("2026-01-15"), AS_OF);

    @TempDir
    static Path dir;
    static Path canonical;
    static Path foreign;

    @BeforeAll
    static void generate() throws IOException {
        canonical = dir.resolve("canonical");
        BookGenerator.generate(GeneratorConfig.builder().accounts(60).days(200).end(AS_OF.minusDays(1)).seed(5)
                .truthSamples(0).usageLayout(UsageLayout.CSV).build(), canonical, false, ProgressListener.NONE);
        foreign = subscriptionKeyed(canonical, dir.resolve("foreign"));
    }

    @Test
    void aLookedUpAccountAndGlobbedPartsGiveTheSingleMachinesTable() throws IOException {
        String spark = sparkFeatures(foreign, "foreign");
        assertThat(spark).isEqualTo(localFeatures(foreign, "foreign"));
        assertThat(spark).isEqualTo(localFeatures(canonical, "canonical"));
    }

    @Test
    void aSubscriptionTheTableLacksIsTheLookupsProblem() throws IOException {
        Path book = dir.resolve("unknown");
        copy(foreign, book);
        List<String> lines = Files.readAllLines(book.resolve("events/part-2.csv"));
        String last = lines.get(lines.size() - 1);
        Files.writeString(book.resolve("events/part-2.csv"), "S-NOPE" + last.substring(last.indexOf(',')) + "\n",
                StandardOpenOption.APPEND);
        assertThatThrownBy(() -> new SparkChurn(SharedSpark.get(), 3).features(book.toString(), List.of(AS_OF)))
                .isInstanceOf(DataProblemException.class)
                .hasMessageContaining("events/part-2.csv row ")
                .hasMessageContaining("'S-NOPE'")
                .hasMessageContaining("table subscriptions");
    }

    /** Churn from a flag and a date of the account rows, without a churn file. */
    @Test
    void churnFromTheAccountRowsIsTheSingleMachines() throws IOException {
        Path book = churnOnAccounts("from-accounts", false);
        assertThat(sparkFeatures(book, "from-accounts")).isEqualTo(localFeatures(book, "from-accounts-local"));
        try (SparkChurn.Extracted e = new SparkChurn(SharedSpark.get(), 3).extract(book.toString(), DATES)) {
            // one churn row per flagged account row
            long flagged = Files.readAllLines(book.resolve("accounts.csv")).stream().filter(l -> l.contains(",Yes,"))
                    .count();
            assertThat(flagged).isPositive();
            assertThat(e.report().stats().of(org.churnrisk.core.contract.Source.CHURN).accepted()).isEqualTo(flagged);
        }
    }

    /** Both a churn file and the account rows' churn: the churn file is used, and the disagreement noted. */
    @Test
    void twoChurnSourcesGiveTheSingleMachinesTableAndNote() throws IOException {
        Path book = churnOnAccounts("two-sources", true);
        assertThat(sparkFeatures(book, "two-sources")).isEqualTo(localFeatures(book, "two-sources-local"));
        List<String> spark;
        try (SparkChurn.Extracted e = new SparkChurn(SharedSpark.get(), 3).extract(book.toString(), DATES)) {
            spark = e.report().notes();
        }
        ChurnSettings settings = ChurnSettings.forBook(book, null);
        List<String> local = FeatureExtractor.create(settings.features()).extract(book, settings.readOptions(), DATES,
                t -> { }).notes();
        assertThat(local).anyMatch(n -> n.startsWith("churn: churn.csv and the accounts' 'Churn Date' and 'Churned'"
                + " disagree on 1 account"));
        assertThat(spark).isEqualTo(local);
    }

    /**
     * The canonical book with each account's latest churn as {@code Churned} (Yes/No) and {@code
     * Churn Date} columns of accounts.csv; with {@code keepChurnFile}, churn.csv stays and the first
     * churned account's flag says No, so the two sources disagree on it.
     */
    private static Path churnOnAccounts(String name, boolean keepChurnFile) throws IOException {
        Path book = dir.resolve(name);
        copy(canonical, book);
        List<String> churn = Files.readAllLines(book.resolve("churn.csv"));
        List<String> churnHeader = List.of(churn.get(0).split(","));
        int id = churnHeader.indexOf("account_id");
        int at = churnHeader.indexOf("churned_at");
        java.util.Map<String, String> latest = new java.util.TreeMap<>();
        for (String row : churn.subList(1, churn.size())) {
            String[] cells = row.split(",", -1);
            latest.merge(cells[id], cells[at], (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        assertThat(latest).isNotEmpty();
        String flippedOff = latest.keySet().iterator().next();
        List<String> accounts = Files.readAllLines(book.resolve("accounts.csv"));
        assertThat(accounts.get(0)).startsWith("account_id,");
        StringBuilder out = new StringBuilder(accounts.get(0)).append(",Churned,Churn Date\n");
        for (String row : accounts.subList(1, accounts.size())) {
            String account = row.substring(0, row.indexOf(','));
            String day = latest.get(account);
            boolean churned = day != null && !(keepChurnFile && account.equals(flippedOff));
            out.append(row).append(',').append(churned ? "Yes" : "No").append(',').append(day == null ? "" : day)
                    .append('\n');
        }
        Files.writeString(book.resolve("accounts.csv"), out.toString());
        if (!keepChurnFile) {
            Files.delete(book.resolve("churn.csv"));
        }
        Files.writeString(book.resolve("churn.yaml"), """
                sources:
                  accounts:
                    booleans: {true: [Yes], false: [No]}
                  churn:
                    from_accounts: {flag: Churned, date: Churn Date}
                """, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return book;
    }

    /**
     * The canonical book with usage keyed by {@code subscription_id} (S- and the account), split
     * into two part files under {@code events/} beside a file the glob does not match, and a
     * subscriptions table giving each subscription's account.
     */
    private static Path subscriptionKeyed(Path from, Path to) throws IOException {
        Files.createDirectories(to.resolve("events"));
        try (var files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().equals("usage.csv")) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        List<String> usage = Files.readAllLines(from.resolve("usage.csv"));
        assertThat(usage.get(0)).startsWith("account_id,");
        String header = "subscription_id" + usage.get(0).substring("account_id".length());
        TreeSet<String> accounts = new TreeSet<>();
        int half = usage.size() / 2;
        try (Writer one = Files.newBufferedWriter(to.resolve("events/part-1.csv"));
             Writer two = Files.newBufferedWriter(to.resolve("events/part-2.csv"))) {
            one.write(header + "\n");
            two.write(header + "\n");
            for (int i = 1; i < usage.size(); i++) {
                String row = usage.get(i);
                String account = row.substring(0, row.indexOf(','));
                accounts.add(account);
                (i < half ? one : two).write("S-" + account + row.substring(account.length()) + "\n");
            }
        }
        Files.writeString(to.resolve("events/README.txt"), "exported nightly\n");
        StringBuilder subscriptions = new StringBuilder("Subscription Id,Account\n");
        accounts.forEach(a -> subscriptions.append("S-").append(a).append(',').append(a).append('\n'));
        Files.writeString(to.resolve("subscriptions.csv"), subscriptions.toString());
        Files.writeString(to.resolve("churn.yaml"), """
                sources:
                  usage:
                    files: ["events/*.csv"]
                    lookups:
                      account_id: {table: subscriptions, on: subscription_id, key: id, value: account_id}
                tables:
                  subscriptions:
                    file: subscriptions.csv
                    columns: {id: Subscription Id, account_id: Account}
                """, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return to;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static String sparkFeatures(Path book, String name) throws IOException {
        Path out = dir.resolve(name + "-spark-features.csv");
        new SparkChurn(SharedSpark.get(), 3).writeFeatures(book.toString(), DATES, "file://" + out);
        return Files.readString(out);
    }

    private static String localFeatures(Path book, String name) throws IOException {
        Path out = dir.resolve(name + "-local-features.csv");
        ChurnSettings settings = ChurnSettings.forBook(book, null);
        FeatureExtractor extractor = FeatureExtractor.create(settings.features());
        try (FeatureTableWriter writer = new FeatureTableWriter(out, settings.features().healthScore())) {
            extractor.extract(book, settings.readOptions(), DATES, writer::write);
            writer.commit();
        }
        return Files.readString(out);
    }
}
