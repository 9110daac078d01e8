package org.churnrisk.features;

import org.churnrisk.core.contract.Source;

/**
 * What a book loses without an optional source, in the words {@code churn validate}, the run
 * summary and {@code evaluation.md} use. Stateless.
 */
public final class SourceNotes {
    private SourceNotes() {
    }

    /**
     * The cost of a missing source, e.g. {@code optional: without it every account counts no
     * tickets (has_satisfaction is 0) and the health score leaves out support, reweighting the rest};
     * null for a source that is not optional.
     */
    public static String missing(Source source) {
        return switch (source) {
            case TICKETS -> "optional: without it every account counts no tickets (has_satisfaction is 0) and the"
                    + " health score leaves out support, reweighting the rest";
            case SURVEYS -> "optional: without it every account has no answers (has_nps and has_csat are 0) and the"
                    + " health score leaves out NPS/CSAT, reweighting the rest";
            case TOUCHPOINTS -> "optional: without it every account has no contacts (has_touchpoint is 0) and the"
                    + " health score leaves out CSM engagement, reweighting the rest";
            case CONTRACTS -> "optional, but training without it takes today's ARR, seats and tier for every past"
                    + " snapshot, a leak (docs/data-contract.md)";
            default -> null;
        };
    }
}
