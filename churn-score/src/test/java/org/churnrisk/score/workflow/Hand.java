package org.churnrisk.score.workflow;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.features.RiskBand;
import org.churnrisk.features.Feature;
import org.churnrisk.score.Driver;
import org.churnrisk.score.ScoredAccount;
import org.churnrisk.score.ScoredBook;

/** Scored accounts and books built by hand for the workflow tests. */
final class Hand {
    static final LocalDate AS_OF = LocalDate.parse("2026-11-02"); // a Monday

    private Hand() {
    }

    static RiskBand band(double p) {
        return p >= 0.30 ? RiskBand.RED : p >= 0.15 ? RiskBand.YELLOW : RiskBand.GREEN;
    }

    static ScoredAccount account(String id, Tier tier, String csm, double arr, double p, double health) {
        return account(id, tier, csm, arr, p, health, -1, null);
    }

    static ScoredAccount account(String id, Tier tier, String csm, double arr, double p, double health,
                                 int daysToRenewal, String ae) {
        return new ScoredAccount(id, "Name of " + id, tier, csm, arr,
                daysToRenewal >= 0 ? AS_OF.plusDays(daysToRenewal) : null, daysToRenewal, p, band(p), health,
                List.of(new Driver(org.churnrisk.score.DriverGroup.LOGINS, "logins down 62% vs the previous 30 days",
                        0.8, Feature.LOGINS_TREND, -0.45, 0)), "Re-engagement call", null, ae);
    }

    static ScoredAccount unscored(String id, Tier tier, String csm, double arr, double health) {
        return new ScoredAccount(id, null, tier, csm, arr, null, -1, Double.NaN, null, health, List.of(), "Data check",
                "no product usage before " + AS_OF, null);
    }

    static ScoredBook book(LocalDate asOf, FeatureTable table, ScoredAccount... accounts) {
        return new ScoredBook(asOf, List.of(accounts), null, Map.of(), Map.of(), Map.of(), table);
    }

    /** The data lines of a CSV file, parsed as a spreadsheet would (quotes removed). */
    static List<List<String>> rows(String csv) {
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.parse(new java.io.StringReader(csv))) {
            return parser.getRecords().stream().skip(1).map(r -> r.toList()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ScoredBook book(ScoredAccount... accounts) {
        return book(AS_OF, null, accounts);
    }
}
