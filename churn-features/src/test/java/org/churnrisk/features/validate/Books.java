package org.churnrisk.features.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small hand-written books for validation tests. */
final class Books {
    static final String ACCOUNTS = "account_id,account_name,arr,licensed_seats,contract_start,renewal_date,tier,csm\n";
    static final String USAGE = "account_id,occurred_at,user_id,event,quantity,errors\n";
    static final String TICKETS = "ticket_id,account_id,created_at,resolved_at,priority,escalated,satisfaction\n";
    static final String SURVEYS = "account_id,responded_at,kind,score,respondent\n";
    static final String TOUCHPOINTS = "account_id,occurred_at,kind\n";
    static final String CONTRACTS = "account_id,start_date,end_date,arr,seats,plan\n";
    static final String CHURN = "account_id,churned_at,reason\n";

    static final String GOOD_ACCOUNTS = ACCOUNTS
            + "A-1001,Acme Corp,42000,60,2024-01-01,2026-01-01,growth,dana.lee\n"
            + "A-1002,Globex,9500,12,2024-06-01,2025-06-01,,sam.ortiz\n";
    static final String GOOD_USAGE = USAGE
            + "A-1001,2025-03-04,u-17,login,3,0\n"
            + "A-1001,2025-03-04T14:02:11Z,u-17,report_export,12,1\n"
            + "A-1002,2025-03-05,u-88,login,,\n";
    static final String GOOD_TICKETS = TICKETS
            + "T-5001,A-1001,2025-03-04T10:15:30Z,2025-03-05T16:00:00Z,high,false,4\n"
            + "T-5002,A-1002,2025-03-10T08:00:00Z,,urgent,true,\n";
    static final String GOOD_SURVEYS = SURVEYS
            + "A-1001,2025-02-20T09:30:00Z,nps,9,cto@acme.example\n"
            + "A-1002,2025-03-12,csat,2,\n";

    private Books() {
    }

    /** Writes a valid book of the four required sources: two accounts, no touchpoints, contracts or churn. */
    static Path validBook(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir, "accounts.csv", GOOD_ACCOUNTS);
        write(dir, "usage.csv", GOOD_USAGE);
        write(dir, "tickets.csv", GOOD_TICKETS);
        write(dir, "surveys.csv", GOOD_SURVEYS);
        return dir;
    }

    static Path write(Path book, String file, String content) throws IOException {
        Path path = book.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }
}
