package org.churnrisk.score.history;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The arm an account was put in on the run that first flagged it while a holdout was set, with
 * what the report said of it that day; kept for the life of the history so that the account
 * keeps its arm and {@code churn outcomes} can measure from that day.
 *
 * @param holdout whether the account is held out (no play) rather than treated
 * @param since   the as-of date of the run that assigned it
 * @param band    its band that day ({@code red} or {@code yellow})
 * @param tier    its tier that day
 * @param arr     its ARR as that day's report recorded it
 * @param play    the play it was given that day (for a holdout, the play it would have been given)
 */
public record Assignment(boolean holdout, LocalDate since, String band, String tier, double arr, String play) {

    public Assignment {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(band, "band");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(play, "play");
    }

    /** {@code holdout} or {@code treated}. */
    public String arm() {
        return holdout ? "holdout" : "treated";
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arm", arm());
        m.put("since", since.toString());
        m.put("band", band);
        m.put("tier", tier);
        m.put("arr", arr);
        m.put("play", play);
        return m;
    }

    static Assignment fromMap(Map<String, Object> m) {
        return new Assignment("holdout".equals(m.get("arm")), LocalDate.parse((String) m.get("since")),
                (String) m.get("band"), (String) m.get("tier"), ((Number) m.get("arr")).doubleValue(),
                (String) m.get("play"));
    }
}
