package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.churnrisk.core.features.RiskBand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportCsvTest {

    private static List<String> lines(ScoredAccount... accounts) {
        return ReportCsv.write(List.of(accounts)).lines().toList();
    }

    @Test
    void theHeaderHasTheColumnsInOrder() {
        assertThat(lines().get(0)).isEqualTo("rank,account_id,account_name,tier,csm,arr,renewal_date,days_to_renewal,"
                + "churn_probability,risk_band,arr_at_risk,health_score,driver_1,driver_2,driver_3,suggested_play,holdout");
    }

    @Test
    void aScoredAccountFillsEveryColumnItHas() {
        assertThat(lines(Accounts.scored("A1", 0.412345, RiskBand.RED, 24_000.5)).get(1)).isEqualTo(
                "1,A1,Name of A1,growth,dana.lee,24000.5,2027-01-15,75,0.4123,red,9896.49,62.5,"
                        + "logins down 62% vs the previous 30 days,2 escalated tickets in 30 days,,"
                        + "Re-engagement: reach the champion and book a usage review,");
    }

    @Test
    void anUnscoredAccountHasNoRankNoProbabilityAndSaysWhy() {
        List<String> lines = lines(Accounts.scored("A1", 0.4, RiskBand.RED, 1000), Accounts.unscored("A2", 5000));

        assertThat(lines.get(2)).isEqualTo(",A2,,starter,,5000,,,,unscored,,20,"
                + "not scored: no product usage before 2026-11-01,,,Data check,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"})
    void textThatASpreadsheetWouldRunIsWrittenAsText(String name) throws java.io.IOException {
        String csv = ReportCsv.write(List.of(Accounts.named("A1", name, name)));

        List<org.apache.commons.csv.CSVRecord> records = org.apache.commons.csv.CSVParser.parse(csv,
                org.apache.commons.csv.CSVFormat.DEFAULT).getRecords();
        assertThat(records.get(1).get(2)).as("account_name").isEqualTo("'" + name);
        assertThat(records.get(1).get(4)).as("csm").isEqualTo("'" + name);
    }

    @Test
    void negativeNumbersInNumericColumnsStayNumbers() {
        ScoredAccount refund = new ScoredAccount("A1", "Refunded", org.churnrisk.core.contract.Tier.STARTER, null,
                -1200.5, null, -1, 0.5, RiskBand.RED, 10, List.of(), "", null);

        assertThat(lines(refund).get(1)).startsWith("1,A1,Refunded,starter,,-1200.5,,,0.5,red,-600.25,10,");
    }

    @Test
    void cellsWithCommasAndQuotesAreQuoted() {
        assertThat(lines(Accounts.named("A1", "Cobaltgate Freight, Inc. \"CF\"", "x")).get(1))
                .contains(",\"Cobaltgate Freight, Inc. \"\"CF\"\"\",");
    }
}
