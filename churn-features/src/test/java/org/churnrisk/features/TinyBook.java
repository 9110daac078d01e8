package org.churnrisk.features;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.churnrisk.core.contract.Account;
import org.churnrisk.core.contract.SurveyKind;
import org.churnrisk.core.contract.SurveyResponse;
import org.churnrisk.core.contract.Ticket;
import org.churnrisk.core.contract.TicketPriority;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.contract.Touchpoint;
import org.churnrisk.core.contract.TouchpointKind;
import org.churnrisk.core.contract.UsageEvent;

/**
 * One account whose features as of 2025-06-01 are computed by hand in {@link FeatureDefinitionsTest}.
 * Rows dated on the as-of date are there on purpose: they are the future and must be ignored.
 */
final class TinyBook {
    static final LocalDate AS_OF = LocalDate.of(2025, 6, 1);

    private TinyBook() {
    }

    static Instant day(String date) {
        return LocalDate.parse(date).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    }

    static UsageEvent use(String date, String user, String event, long quantity, long errors) {
        return new UsageEvent("A1", day(date), user, event, quantity, errors);
    }

    static AccountHistory history() {
        Account account = new Account("A1", "Acme, Inc.", 20_000, 10, LocalDate.of(2025, 1, 1),
                LocalDate.of(2026, 1, 1), Tier.GROWTH, "Kim");
        List<UsageEvent> usage = new ArrayList<>(List.of(
                use("2025-01-01", "u2", "login", 1, 0),
                use("2025-01-20", "u1", "report_export", 1, 0),
                use("2025-03-10", "u4", "login", 1, 0),
                use("2025-04-15", "u3", "login", 3, 0),
                use("2025-05-20", "u2", "login", 1, 0),
                use("2025-05-25", "u5", "dashboard_view", 4, 0),
                use("2025-05-30", null, "integration_sync", 10, 2),
                use("2025-05-31", "u1", "login", 2, 0),
                use("2025-06-01", "u6", "login", 5, 1)));
        List<Ticket> tickets = List.of(
                new Ticket("T1", "A1", Instant.parse("2025-05-10T10:00:00Z"), Instant.parse("2025-06-01T00:00:00Z"),
                        TicketPriority.NORMAL, false, 2),
                new Ticket("T2", "A1", Instant.parse("2025-04-01T10:00:00Z"), Instant.parse("2025-04-02T10:00:00Z"),
                        TicketPriority.URGENT, true, 4),
                new Ticket("T3", "A1", Instant.parse("2025-06-01T09:00:00Z"), null, TicketPriority.URGENT, true, null));
        List<SurveyResponse> surveys = List.of(
                new SurveyResponse("A1", day("2025-05-01"), SurveyKind.NPS, 9, "u1"),
                new SurveyResponse("A1", day("2025-02-10"), SurveyKind.NPS, 5, "u2"),
                new SurveyResponse("A1", day("2025-06-01"), SurveyKind.NPS, 3, "u3"),
                new SurveyResponse("A1", day("2025-05-15"), SurveyKind.CSAT, 4, "u1"));
        List<Touchpoint> touchpoints = List.of(
                new Touchpoint("A1", day("2025-05-11"), TouchpointKind.CALL),
                new Touchpoint("A1", day("2025-04-01"), TouchpointKind.QBR),
                new Touchpoint("A1", day("2025-06-01"), TouchpointKind.MEETING));
        return new AccountHistory(account, List.of(), List.of(), usage, tickets, surveys, touchpoints);
    }
}
