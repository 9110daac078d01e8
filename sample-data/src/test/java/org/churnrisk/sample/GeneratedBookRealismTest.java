package org.churnrisk.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.churnrisk.core.ProgressListener;
import org.churnrisk.core.contract.Source;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that a generated book behaves like a real customer book: plausible churn rates, warning
 * signs ahead of churn, the onboarding effect, and a truth file that is calibrated.
 *
 * <p>The figures asserted here are the ones docs/sample-data.md reports.
 */
class GeneratedBookRealismTest {
    private static final int HORIZON = 120;
    private static final GeneratorConfig CONFIG = GeneratorConfig.builder().accounts(1_500).days(730).seed(5)
            .truthSamples(16).build();

    @TempDir
    static Path dir;
    static Path book;
    static BookFiles.History history;
    /** Logins per account per day of the window. */
    static Map<String, int[]> logins = new HashMap<>();
    /** Snapshots whose label window closes inside the data. */
    static List<Snapshot> snapshots = new ArrayList<>();

    record Snapshot(String account, LocalDate asOf, boolean churns, double truth, double loginsPerSeat30) { }

    @BeforeAll
    static void generate() throws IOException {
        book = dir.resolve("book");
        BookGenerator.generate(CONFIG, book, false, ProgressListener.NONE);
        history = BookFiles.History.of(book);
        LocalDate start = CONFIG.start();
        BookFiles.forEach(book, Source.USAGE, r -> {
            if (r.get("event").equals("login")) {
                int day = (int) ChronoUnit.DAYS.between(start, LocalDate.parse(r.get("occurred_at")));
                logins.computeIfAbsent(r.get("account_id"), k -> new int[CONFIG.days()])[day]
                        += Integer.parseInt(r.get("quantity"));
            }
        });
        LocalDate lastDay = CONFIG.end().minusDays(1);
        for (CSVRecord r : BookFiles.readFile(book.resolve("truth.csv"))) {
            String account = r.get("account_id");
            LocalDate asOf = LocalDate.parse(r.get("as_of"));
            if (asOf.plusDays(HORIZON).isAfter(lastDay) || asOf.minusDays(30).isBefore(start)) {
                continue;
            }
            int to = (int) ChronoUnit.DAYS.between(start, asOf);
            int[] perDay = logins.getOrDefault(account, new int[CONFIG.days()]);
            int last30 = Arrays.stream(perDay, to - 30, to).sum();
            int seats = history.termOn(account, asOf.minusDays(1)).seats();
            snapshots.add(new Snapshot(account, asOf, history.churnsWithin(account, asOf, HORIZON),
                    Double.parseDouble(r.get("p_churn_120d")), (double) last30 / seats));
        }
    }

    @Test
    void annualChurnRatesFallFromStarterToEnterprise() {
        Map<String, Double> rates = annualChurnRateByTier();

        assertThat(rates.get("starter")).isBetween(0.20, 0.40);
        assertThat(rates.get("growth")).isBetween(0.10, 0.27);
        assertThat(rates.get("enterprise")).isBetween(0.03, 0.16);
        assertThat(rates.get("starter")).isGreaterThan(rates.get("growth"));
        assertThat(rates.get("growth")).isGreaterThan(rates.get("enterprise"));
    }

    @Test
    void accountsAboutToChurnLogInLessPerSeat() {
        double churners = snapshots.stream().filter(Snapshot::churns).mapToDouble(Snapshot::loginsPerSeat30)
                .average().orElseThrow();
        double stayers = snapshots.stream().filter(s -> !s.churns()).mapToDouble(Snapshot::loginsPerSeat30)
                .average().orElseThrow();

        assertThat(churners).isLessThan(0.88 * stayers);
    }

    @Test
    void noSingleUsageColumnGivesChurnAway() {
        double auc = auc(snapshots.stream().mapToDouble(s -> -s.loginsPerSeat30()).toArray(),
                snapshots.stream().map(Snapshot::churns).toList());

        assertThat(auc).isBetween(0.55, 0.75);
    }

    @Test
    void truthIsCalibrated() {
        double meanTruth = snapshots.stream().mapToDouble(Snapshot::truth).average().orElseThrow();
        double observed = snapshots.stream().filter(Snapshot::churns).count() / (double) snapshots.size();

        assertThat(observed).isBetween(0.04, 0.12);
        assertThat(meanTruth).isCloseTo(observed, org.assertj.core.data.Offset.offset(0.012));
    }

    @Test
    void truthRanksChurnersFarAboveOneUsageColumn() {
        double auc = auc(snapshots.stream().mapToDouble(Snapshot::truth).toArray(),
                snapshots.stream().map(Snapshot::churns).toList());

        assertThat(auc).isGreaterThan(0.82);
    }

    @Test
    void stalledOnboardingsChurnMoreAtTheFirstRenewal() {
        LocalDate start = CONFIG.start();
        int stalled = 0;
        int stalledChurned = 0;
        int healthy = 0;
        int healthyChurned = 0;
        for (var entry : history.terms.entrySet()) {
            LocalDate first = entry.getValue().get(0).start();
            if (first.isBefore(start) || first.plusDays(366).isAfter(CONFIG.end())) {
                continue;
            }
            int from = (int) ChronoUnit.DAYS.between(start, first);
            int[] perDay = logins.getOrDefault(entry.getKey(), new int[CONFIG.days()]);
            int firstMonth = Arrays.stream(perDay, from, Math.min(perDay.length, from + 30)).sum();
            boolean slow = firstMonth < 3 * entry.getValue().get(0).seats();
            boolean churned = history.churnsWithin(entry.getKey(), first, 365);
            if (slow) {
                stalled++;
                stalledChurned += churned ? 1 : 0;
            } else {
                healthy++;
                healthyChurned += churned ? 1 : 0;
            }
        }

        assertThat(stalled).isGreaterThan(20);
        assertThat(healthy).isGreaterThan(20);
        assertThat((double) stalledChurned / stalled).isGreaterThan((double) healthyChurned / healthy + 0.08);
    }

    @Test
    void someChurnedAccountsComeBack() {
        Set<String> reactivated = new HashSet<>();
        history.churns.forEach((account, churns) -> {
            LocalDate firstChurn = churns.stream().min(LocalDate::compareTo).orElseThrow();
            if (history.terms.get(account).stream().anyMatch(t -> t.start().isAfter(firstChurn))) {
                reactivated.add(account);
            }
        });

        assertThat(reactivated).isNotEmpty();
        assertThat(reactivated.size()).isLessThan(history.churns.size() / 5);
    }

    private static Map<String, Double> annualChurnRateByTier() {
        LocalDate start = CONFIG.start();
        LocalDate end = CONFIG.end();
        Map<String, Double> exposureDays = new HashMap<>();
        Map<String, Integer> churns = new HashMap<>();
        history.terms.forEach((account, terms) -> {
            List<LocalDate> accountChurns = history.churns.getOrDefault(account, List.of());
            for (BookFiles.History.Term t : terms) {
                LocalDate churn = accountChurns.stream().filter(c -> c.isAfter(t.start()) && !c.isAfter(t.end()))
                        .findFirst().orElse(null);
                LocalDate stop = churn != null && churn.isBefore(end) ? churn : t.end().isBefore(end) ? t.end() : end;
                LocalDate from = t.start().isAfter(start) ? t.start() : start;
                if (stop.isAfter(from)) {
                    exposureDays.merge(t.tier(), (double) ChronoUnit.DAYS.between(from, stop), Double::sum);
                }
                if (churn != null && !churn.isBefore(start) && churn.isBefore(end)) {
                    churns.merge(t.tier(), 1, Integer::sum);
                }
            }
        });
        Map<String, Double> rates = new HashMap<>();
        exposureDays.forEach((tier, days) -> rates.put(tier, churns.getOrDefault(tier, 0) / (days / 365)));
        return rates;
    }

    /** ROC AUC by ranks, ties counted half. */
    static double auc(double[] scores, List<Boolean> labels) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels.get(order[k])) {
                    rankSumPositive += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
