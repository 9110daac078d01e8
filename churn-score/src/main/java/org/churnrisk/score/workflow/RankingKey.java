package org.churnrisk.score.workflow;

import java.util.Comparator;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.score.ScoredAccount;

/** What puts an account higher on a worklist: its churn probability, or its ARR at risk (probability x ARR). */
public enum RankingKey {
    /** Highest churn probability first; ties by ARR, then account id. */
    PROBABILITY("probability"),
    /** Highest expected ARR lost first; ties by probability, then account id. */
    ARR_AT_RISK("arr_at_risk");

    private final String key;

    RankingKey(String key) {
        this.key = key;
    }

    /** The name in churn.yaml and the run summary. */
    public String key() {
        return key;
    }

    /** Scored accounts by this key, highest first; unscored accounts after them by ARR, then account id. */
    public Comparator<ScoredAccount> order() {
        Comparator<ScoredAccount> scoredFirst = Comparator.comparing((ScoredAccount a) -> !a.scored());
        Comparator<ScoredAccount> p = Comparator.comparingDouble((ScoredAccount a) -> a.scored() ? a.probability() : 0)
                .reversed();
        Comparator<ScoredAccount> risk = Comparator.comparingDouble((ScoredAccount a) -> a.scored() ? a.arrAtRisk() : 0)
                .reversed();
        Comparator<ScoredAccount> arr = Comparator.comparingDouble(ScoredAccount::arr).reversed();
        Comparator<ScoredAccount> main = this == PROBABILITY ? p.thenComparing(arr) : risk.thenComparing(p).thenComparing(arr);
        return scoredFirst.thenComparing(main).thenComparing(ScoredAccount::accountId);
    }

    /** @throws InvalidArgumentException naming the allowed keys */
    public static RankingKey parse(String text) {
        for (RankingKey k : values()) {
            if (k.key.equals(text.strip())) {
                return k;
            }
        }
        throw new InvalidArgumentException("'" + text + "' is not a ranking key (expected probability or arr_at_risk)");
    }
}
