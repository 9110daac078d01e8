package org.churnrisk.features.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.churnrisk.features.foreign.DerivedBooks.cells;
import static org.churnrisk.features.foreign.DerivedBooks.rewrite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.churnrisk.core.contract.Source;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.features.ExtractionReport;
import org.churnrisk.features.FeatureExtractor;
import org.churnrisk.features.FeatureSettings;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.features.validate.BookValidator;
import org.churnrisk.features.validate.ValidationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 3: churn recorded as a flag and a date on the account rows, instead of a churn file
 * ({@code sources.churn.from_accounts}), reads to the same feature tables and churn dates as the
 * churn file it was made from; when both exist and disagree, the churn file is used and the run
 * and {@code churn validate} say on how many accounts they disagree.
 *
 * <p>An account row holds one churn date, so the canonical book here keeps each account's latest
 * churn only (four accounts of the sample book churned twice).
 */
class ChurnFromAccountsTest {
    static final List<LocalDate> AS_OF = List.of(LocalDate.of(2024, 12, 1), LocalDate.of(2025, 1, 15));

    @TempDir
    static Path dir;
    static Path canonical;
    static Map<String, String> latestChurn = new TreeMap<>();

    @BeforeAll
    static void canonicalBook() throws IOException {
        canonical = DerivedBooks.canonical(dir.resolve("canonical"));
        List<String> lines = Files.readAllLines(canonical.resolve("churn.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            latestChurn.merge(cells[0], cells[1], (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        StringBuilder churn = new StringBuilder("account_id,churned_at,reason\n");
        latestChurn.forEach((id, day) -> churn.append(id).append(',').append(day).append(",\n"));
        Files.writeString(canonical.resolve("churn.csv"), churn);
    }

    static ExtractionReport extract(Path book, List<FeatureTable> out) throws IOException {
        FeatureExtractor extractor = FeatureExtractor.create(FeatureSettings.forBook(book, null));
        return extractor.extract(book, ReadOptions.forBook(book), AS_OF, out::add);
    }

    /** The canonical book with its accounts carrying Churned (Yes/No) and Churn Date, and no churn.csv unless kept. */
    static Path flagged(String name, boolean keepChurnFile, Map<String, String> changed) throws IOException {
        Path book = Files.createDirectories(dir.resolve(name));
        for (String f : List.of("contracts.csv", "tickets.csv", "surveys.csv", "touchpoints.csv", "usage.csv")) {
            Files.copy(canonical.resolve(f), book.resolve(f));
        }
        if (keepChurnFile) {
            Files.copy(canonical.resolve("churn.csv"), book.resolve("churn.csv"));
        }
        rewrite(canonical.resolve("accounts.csv"), book.resolve("accounts.csv"),
                cells("account_id", "account_name", "arr", "licensed_seats", "contract_start", "renewal_date", "tier",
                        "csm", "Churned", "Churn Date"),
                r -> {
                    String day = changed.getOrDefault(r.get("account_id"), latestChurn.get(r.get("account_id")));
                    return cells(r.get("account_id"), r.get("account_name"), r.get("arr"), r.get("licensed_seats"),
                            r.get("contract_start"), r.get("renewal_date"), r.get("tier"), r.get("csm"),
                            day == null || day.isEmpty() ? "No" : "Yes", day == null ? "" : day);
                });
        Files.writeString(book.resolve("churn.yaml"), Files.readString(canonical.resolve("churn.yaml")) + """
                sources:
                  accounts:
                    booleans: {true: [Yes], false: [No]}
                  churn:
                    from_accounts: {flag: Churned, date: Churn Date}
                """);
        return book;
    }

    @Test
    void churnFromAFlagAndADateGivesTheChurnFilesFeaturesAndChurnDates() throws IOException {
        List<FeatureTable> expected = new ArrayList<>();
        ExtractionReport canonicalReport = extract(canonical, expected);
        List<FeatureTable> actual = new ArrayList<>();
        ExtractionReport report = extract(flagged("flagged", false, Map.of()), actual);

        assertThat(report.churnDates()).isEqualTo(canonicalReport.churnDates()).hasSize(latestChurn.size());
        assertThat(report.stats().of(Source.CHURN).accepted()).isEqualTo(latestChurn.size());
        for (int k = 0; k < expected.size(); k++) {
            assertThat(actual.get(k).accountIds()).isEqualTo(expected.get(k).accountIds());
            for (int r = 0; r < expected.get(k).rows(); r++) {
                assertThat(actual.get(k).row(r)).isEqualTo(expected.get(k).row(r));
            }
        }
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void whenTheChurnFileAndTheAccountsDisagreeTheChurnFileIsUsedAndTheDisagreementIsReported() throws IOException {
        String churned = latestChurn.keySet().iterator().next();
        String stayed = Files.readAllLines(canonical.resolve("accounts.csv")).stream().skip(1)
                .map(line -> line.substring(0, line.indexOf(','))).filter(id -> !latestChurn.containsKey(id))
                .findFirst().orElseThrow();
        Path book = flagged("disagree", true, Map.of(churned, "", stayed, "2024-12-24"));
        List<FeatureTable> tables = new ArrayList<>();

        ExtractionReport report = extract(book, tables);

        assertThat(report.churnDates()).containsKey(churned).doesNotContainKey(stayed);
        assertThat(report.notes()).singleElement().asString()
                .startsWith("churn: churn.csv and the accounts' 'Churn Date' and 'Churned' disagree on 2 accounts of "
                        + (latestChurn.size() + 1) + " with a churn (")
                .contains(churned + ": churn.csv " + latestChurn.get(churned) + ", accounts none")
                .contains(stayed + ": churn.csv none, accounts 2024-12-24")
                .contains("; churn.csv is used");
        ValidationReport validation = BookValidator.forBook(book).validate(book);
        assertThat(validation.source(Source.CHURN).notes()).singleElement().asString()
                .startsWith("churn.csv and the accounts' 'Churn Date' and 'Churned' disagree on 2 accounts");
    }
}
