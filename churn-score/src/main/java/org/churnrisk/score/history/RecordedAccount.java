package org.churnrisk.score.history;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.churnrisk.score.ScoredAccount;

/**
 * One account as a run's report showed it, kept in the run history so that later runs can show
 * trends and {@code churn outcomes} can compare the prediction with what happened, with the ARR
 * the report recorded at the time.
 *
 * @param accountId   the account's key
 * @param name        its name, or null
 * @param tier        its tier label
 * @param csm         its CSM, or null
 * @param arr         ARR of the contract in force, as the report recorded it
 * @param renewalDate the next renewal date, or null when unknown
 * @param probability the churn probability; NaN when unscored
 * @param band        {@code red}, {@code yellow}, {@code green} or {@code unscored}
 * @param healthScore the health score
 * @param drivers     the drivers' phrases
 * @param play        the play the report suggested ("" for none, and for a holdout)
 * @param holdout     whether the account was held out of the plays in this run
 */
public record RecordedAccount(String accountId, String name, String tier, String csm, double arr,
                              LocalDate renewalDate, double probability, String band, double healthScore,
                              List<String> drivers, String play, boolean holdout) {

    public RecordedAccount {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(band, "band");
        drivers = List.copyOf(drivers);
        Objects.requireNonNull(play, "play");
    }

    /** The account as the report shows it. */
    public static RecordedAccount of(ScoredAccount a, boolean holdout) {
        List<String> drivers = new ArrayList<>();
        if (a.scored()) {
            a.drivers().forEach(d -> drivers.add(d.phrase()));
        } else {
            drivers.add("not scored: " + a.unscoredReason());
        }
        return new RecordedAccount(a.accountId(), a.name(), a.tier().label(), a.csm(), a.arr(), a.renewalDate(),
                a.probability(), a.bandLabel(), a.healthScore(), drivers, a.play(), holdout);
    }

    public boolean scored() {
        return !Double.isNaN(probability);
    }

    /** Red or yellow: the accounts a play is meant for. */
    public boolean flagged() {
        return "red".equals(band) || "yellow".equals(band);
    }

    /** Probability x ARR; 0 when unscored. */
    public double arrAtRisk() {
        return scored() ? probability * arr : 0;
    }

    /** Days from {@code asOf} to the renewal, or -1 when unknown. */
    public long daysToRenewal(LocalDate asOf) {
        return renewalDate == null ? -1 : asOf.until(renewalDate, java.time.temporal.ChronoUnit.DAYS);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", accountId);
        m.put("name", name);
        m.put("tier", tier);
        m.put("csm", csm);
        m.put("arr", arr);
        m.put("renewal_date", renewalDate == null ? null : renewalDate.toString());
        m.put("probability", scored() ? probability : null);
        m.put("band", band);
        m.put("health_score", healthScore);
        m.put("drivers", drivers);
        m.put("play", play);
        m.put("holdout", holdout);
        return m;
    }

    @SuppressWarnings("unchecked")
    static RecordedAccount fromMap(Map<String, Object> m) {
        Object p = m.get("probability");
        Object renewal = m.get("renewal_date");
        return new RecordedAccount((String) m.get("id"), (String) m.get("name"), (String) m.get("tier"),
                (String) m.get("csm"), ((Number) m.get("arr")).doubleValue(),
                renewal == null ? null : LocalDate.parse((String) renewal),
                p == null ? Double.NaN : ((Number) p).doubleValue(), (String) m.get("band"),
                ((Number) m.get("health_score")).doubleValue(), (List<String>) m.get("drivers"),
                (String) m.get("play"), Boolean.TRUE.equals(m.get("holdout")));
    }
}
