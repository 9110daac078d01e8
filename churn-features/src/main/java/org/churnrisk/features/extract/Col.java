package org.churnrisk.features.extract;

import org.churnrisk.core.contract.Source;

/** Positions of the canonical columns, for {@link org.churnrisk.features.io.RecordCursor} access. */
final class Col {
    static final int ACC_ID = at(Source.ACCOUNTS, "account_id");
    static final int ACC_NAME = at(Source.ACCOUNTS, "account_name");
    static final int ACC_ARR = at(Source.ACCOUNTS, "arr");
    static final int ACC_SEATS = at(Source.ACCOUNTS, "licensed_seats");
    static final int ACC_START = at(Source.ACCOUNTS, "contract_start");
    static final int ACC_RENEWAL = at(Source.ACCOUNTS, "renewal_date");
    static final int ACC_TIER = at(Source.ACCOUNTS, "tier");
    static final int ACC_CSM = at(Source.ACCOUNTS, "csm");
    static final int ACC_AE = at(Source.ACCOUNTS, "ae");

    static final int U_ACCOUNT = at(Source.USAGE, "account_id");
    static final int U_AT = at(Source.USAGE, "occurred_at");
    static final int U_USER = at(Source.USAGE, "user_id");
    static final int U_EVENT = at(Source.USAGE, "event");
    static final int U_QUANTITY = at(Source.USAGE, "quantity");
    static final int U_ERRORS = at(Source.USAGE, "errors");

    static final int T_ID = at(Source.TICKETS, "ticket_id");
    static final int T_ACCOUNT = at(Source.TICKETS, "account_id");
    static final int T_CREATED = at(Source.TICKETS, "created_at");
    static final int T_RESOLVED = at(Source.TICKETS, "resolved_at");
    static final int T_PRIORITY = at(Source.TICKETS, "priority");
    static final int T_ESCALATED = at(Source.TICKETS, "escalated");
    static final int T_SATISFACTION = at(Source.TICKETS, "satisfaction");

    static final int S_ACCOUNT = at(Source.SURVEYS, "account_id");
    static final int S_AT = at(Source.SURVEYS, "responded_at");
    static final int S_KIND = at(Source.SURVEYS, "kind");
    static final int S_SCORE = at(Source.SURVEYS, "score");

    static final int P_ACCOUNT = at(Source.TOUCHPOINTS, "account_id");
    static final int P_AT = at(Source.TOUCHPOINTS, "occurred_at");
    static final int P_KIND = at(Source.TOUCHPOINTS, "kind");

    static final int C_ACCOUNT = at(Source.CONTRACTS, "account_id");
    static final int C_START = at(Source.CONTRACTS, "start_date");
    static final int C_END = at(Source.CONTRACTS, "end_date");
    static final int C_ARR = at(Source.CONTRACTS, "arr");
    static final int C_SEATS = at(Source.CONTRACTS, "seats");

    static final int X_ACCOUNT = at(Source.CHURN, "account_id");
    static final int X_AT = at(Source.CHURN, "churned_at");

    private Col() {
    }

    private static int at(Source source, String column) {
        int i = source.columnNames().indexOf(column);
        if (i < 0) {
            throw new IllegalStateException(source + " has no column " + column);
        }
        return i;
    }
}
