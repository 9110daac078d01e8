package org.churnrisk.score;

import java.time.LocalDate;
import java.util.List;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.features.RiskBand;

/** Scored accounts built by hand, for tests of the report files. */
final class Accounts {
    private Accounts() {
    }

    static ScoredAccount scored(String id, double p, RiskBand band, double arr) {
        return new ScoredAccount(id, "Name of " + id, Tier.GROWTH, "dana.lee", arr, LocalDate.parse("2027-01-15"), 75,
                p, band, 62.5, List.of(new Driver(DriverGroup.LOGINS,
                        "logins down 62% vs the previous 30 days", 0.8,
                        org.churnrisk.features.Feature.LOGINS_TREND, -62.0 / 138, 0),
                        new Driver(DriverGroup.ESCALATIONS,
                                "2 escalated tickets in 30 days", 0.3,
                                org.churnrisk.features.Feature.ESCALATED_TICKETS_30D, 2, 0)),
                "Re-engagement: reach the champion and book a usage review", null);
    }

    static ScoredAccount named(String id, String name, String csm) {
        return new ScoredAccount(id, name, Tier.STARTER, csm, 4100, null, -1, 0.05, RiskBand.GREEN, 80, List.of(),
                "Keep the usual cadence", null);
    }

    static ScoredAccount unscored(String id, double arr) {
        return new ScoredAccount(id, null, Tier.STARTER, null, arr, null, -1, Double.NaN, null, 20, List.of(),
                "Data check", "no product usage before 2026-11-01");
    }
}
