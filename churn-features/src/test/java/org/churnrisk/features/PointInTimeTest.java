package org.churnrisk.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.churnrisk.core.contract.Account;
import org.churnrisk.core.contract.ChurnEvent;
import org.churnrisk.core.contract.Contract;
import org.churnrisk.core.contract.SurveyKind;
import org.churnrisk.core.contract.SurveyResponse;
import org.churnrisk.core.contract.Ticket;
import org.churnrisk.core.contract.TicketPriority;
import org.churnrisk.core.contract.Touchpoint;
import org.churnrisk.core.contract.TouchpointKind;
import org.churnrisk.core.contract.UsageEvent;
import org.churnrisk.core.features.FeatureTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The leakage tests: what happens at or after T never changes the features as of T, and many
 * snapshots in one pass equal one snapshot at a time.
 */
class PointInTimeTest {
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 700;
    private static final FeatureExtractor EXTRACTOR = FeatureExtractor.create(FeatureConfig.builder()
            .coreFeatures(java.util.Set.of("dashboard_view", "report_build")).build());

    @ParameterizedTest
    @ValueSource(strings = {"2024-04-01", "2024-09-15", "2025-03-01", "2025-11-01"})
    void rowsAtOrAfterTheCutoffChangeNothing(String date) {
        LocalDate asOf = LocalDate.parse(date);
        List<AccountHistory> book = randomBook(7, 25);
        List<AccountHistory> onlyPast = filter(book, at -> at.isBefore(asOf.atStartOfDay(ZoneOffset.UTC).toInstant()));
        List<AccountHistory> moreFuture = addFuture(book, asOf, new SplittableRandom(99));

        FeatureTable full = EXTRACTOR.extract(book, asOf);

        assertSame(EXTRACTOR.extract(onlyPast, asOf), full);
        assertSame(EXTRACTOR.extract(moreFuture, asOf), full);
        assertThat(full.rows()).isPositive();
    }

    @Test
    void manySnapshotsInOnePassEqualOneAtATime() {
        List<AccountHistory> book = randomBook(11, 30);
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2024, 2, 1); d.isBefore(LocalDate.of(2025, 11, 1)); d = d.plusMonths(1)) {
            dates.add(d);
        }

        List<FeatureTable> together = EXTRACTOR.extract(book, dates);

        assertThat(together).hasSize(dates.size());
        for (int i = 0; i < dates.size(); i++) {
            assertSame(together.get(i), EXTRACTOR.extract(book, dates.get(i)));
        }
    }

    @Test
    void theOrderOfRowsDoesNotMatter() {
        List<AccountHistory> book = randomBook(5, 20);
        List<AccountHistory> shuffled = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(3);
        for (AccountHistory h : book) {
            List<UsageEvent> usage = new ArrayList<>(h.usage());
            java.util.Collections.shuffle(usage, new java.util.Random(rng.nextLong()));
            shuffled.add(0, new AccountHistory(h.account(), h.contracts(), h.churns(), usage, h.tickets(), h.surveys(),
                    h.touchpoints()));
        }
        LocalDate asOf = LocalDate.of(2025, 1, 1);

        assertSame(EXTRACTOR.extract(shuffled, asOf), EXTRACTOR.extract(book, asOf));
    }

    private static void assertSame(FeatureTable actual, FeatureTable expected) {
        assertThat(actual.accountIds()).isEqualTo(expected.accountIds());
        for (int r = 0; r < expected.rows(); r++) {
            assertThat(actual.row(r)).as(expected.accountIds().get(r) + " " + expected.asOf()).containsExactly(expected.row(r));
            assertThat(actual.healthScore(r)).isEqualTo(expected.healthScore(r));
        }
    }

    static Instant at(SplittableRandom rng, LocalDate from, int days) {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(rng.nextLong(days * 86_400L));
    }

    /** Accounts with contracts, renewals, a churn and a return now and then, and every kind of event. */
    static List<AccountHistory> randomBook(long seed, int accounts) {
        SplittableRandom rng = new SplittableRandom(seed);
        String[] events = {"login", "login", "login", "dashboard_view", "report_build", "alerts", "report_export",
            "integration_sync"};
        List<AccountHistory> book = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            String id = "A" + i;
            LocalDate start = START.plusDays(rng.nextInt(300)).minusDays(200);
            List<Contract> contracts = new ArrayList<>();
            List<ChurnEvent> churns = new ArrayList<>();
            double arr = 5_000 + rng.nextInt(80_000);
            for (LocalDate s = start; s.isBefore(START.plusDays(DAYS)); s = s.plusYears(1)) {
                contracts.add(new Contract(id, s, s.plusYears(1), arr, 5 + rng.nextInt(40), "annual"));
                arr *= 0.8 + 0.4 * rng.nextDouble();
                if (rng.nextDouble() < 0.15) {
                    LocalDate churn = s.plusDays(rng.nextInt(365) + 1);
                    churns.add(new ChurnEvent(id, churn, "budget"));
                    LocalDate back = churn.plusDays(30 + rng.nextInt(100));
                    contracts.add(new Contract(id, back, back.plusYears(1), arr, 5 + rng.nextInt(40), "annual"));
                    break;
                }
            }
            List<UsageEvent> usage = new ArrayList<>();
            for (int e = 0; e < 300; e++) {
                usage.add(new UsageEvent(id, at(rng, START, DAYS), rng.nextInt(10) == 0 ? null : "u" + rng.nextInt(12),
                        events[rng.nextInt(events.length)], 1 + rng.nextInt(4), rng.nextInt(3) == 0 ? 1 : 0));
            }
            List<Ticket> tickets = new ArrayList<>();
            for (int t = 0; t < 15; t++) {
                Instant created = at(rng, START, DAYS);
                Instant resolved = rng.nextInt(5) == 0 ? null : created.plusSeconds(rng.nextInt(2_000_000));
                tickets.add(new Ticket(id + "-T" + t, id, created, resolved, TicketPriority.values()[rng.nextInt(4)],
                        rng.nextBoolean(), resolved == null || rng.nextBoolean() ? null : 1 + rng.nextInt(5)));
            }
            List<SurveyResponse> surveys = new ArrayList<>();
            for (int s = 0; s < 12; s++) {
                boolean nps = rng.nextBoolean();
                surveys.add(new SurveyResponse(id, at(rng, START, DAYS), nps ? SurveyKind.NPS : SurveyKind.CSAT,
                        nps ? rng.nextInt(11) : 1 + rng.nextInt(5), "u" + s));
            }
            List<Touchpoint> touchpoints = new ArrayList<>();
            for (int p = 0; p < 10; p++) {
                touchpoints.add(new Touchpoint(id, at(rng, START, DAYS), TouchpointKind.values()[rng.nextInt(5)]));
            }
            Account account = new Account(id, "Account " + i, 0, null, start, null, null, null);
            book.add(new AccountHistory(account, contracts, churns, usage, tickets, surveys, touchpoints));
        }
        return book;
    }

    /** Keeps only the records dated before the cutoff (tickets: created before it; contracts: started before it). */
    static List<AccountHistory> filter(List<AccountHistory> book, Predicate<Instant> keep) {
        List<AccountHistory> result = new ArrayList<>();
        for (AccountHistory h : book) {
            result.add(new AccountHistory(h.account(),
                    h.contracts().stream().filter(c -> keep.test(day(c.startDate()))).toList(),
                    h.churns().stream().filter(c -> keep.test(day(c.churnedAt()))).toList(),
                    h.usage().stream().filter(u -> keep.test(u.occurredAt())).toList(),
                    h.tickets().stream().filter(t -> keep.test(t.createdAt())).toList(),
                    h.surveys().stream().filter(s -> keep.test(s.respondedAt())).toList(),
                    h.touchpoints().stream().filter(t -> keep.test(t.occurredAt())).toList()));
        }
        return result;
    }

    /** Adds rows of every kind dated at or after the cutoff, some exactly on it. */
    static List<AccountHistory> addFuture(List<AccountHistory> book, LocalDate asOf, SplittableRandom rng) {
        List<AccountHistory> result = new ArrayList<>();
        for (AccountHistory h : book) {
            String id = h.account().accountId();
            List<UsageEvent> usage = new ArrayList<>(h.usage());
            List<Ticket> tickets = new ArrayList<>(h.tickets());
            List<SurveyResponse> surveys = new ArrayList<>(h.surveys());
            List<Touchpoint> touchpoints = new ArrayList<>(h.touchpoints());
            List<ChurnEvent> churns = new ArrayList<>(h.churns());
            for (int i = 0; i < 40; i++) {
                Instant when = i % 4 == 0 ? day(asOf) : at(rng, asOf, 200);
                usage.add(new UsageEvent(id, when, "u" + rng.nextInt(30), i % 2 == 0 ? "login" : "new_feature", 7, 3));
                tickets.add(new Ticket(id + "-F" + i, id, when, null, TicketPriority.URGENT, true, null));
                surveys.add(new SurveyResponse(id, when, SurveyKind.NPS, 0, "x"));
                touchpoints.add(new Touchpoint(id, when, TouchpointKind.QBR));
            }
            churns.add(new ChurnEvent(id, asOf, "future"));
            result.add(new AccountHistory(h.account(), h.contracts(), churns, usage, tickets, surveys, touchpoints));
        }
        return result;
    }

    private static Instant day(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
