package org.churnrisk.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.churnrisk.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/** Golden renderings of EightRows, so any change to the report format fails loudly. */
class ReportTablesTest {

    private static EvaluationReport model() {
        return Evaluation.of(EightRows.P, EightRows.Y, EightRows.ARR, 3);
    }

    /** A constant score: AUC 0.5, and the top 1 is the highest-ARR row (row 2, churned, 200 of 330). */
    private static EvaluationReport constant() {
        return Evaluation.of(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, EightRows.Y, EightRows.ARR, 3);
    }

    private static Map<String, EvaluationReport> sideBySide() {
        Map<String, EvaluationReport> reports = new LinkedHashMap<>();
        reports.put("gbdt", model());
        reports.put("health|score", constant());
        return reports;
    }

    @Test
    void rendersOneReportAsText() {
        assertThat(ReportTables.text(model())).isEqualTo("""
                metric                                 value
                ------------------------------------  ------
                rows                                       8
                positives                                  3
                base rate                             0.3750
                ROC AUC                               0.7667
                average precision                     0.7000
                Brier score                           0.2225
                log loss                              0.6263
                ECE                                   0.3250
                k@10%                                      1
                precision@10%                         1.0000
                recall@10%                            0.3333
                ARR captured@10%                      0.3030
                ARR captured@10% by ARR at risk       0.6061
                k@capacity                                 3
                precision@capacity                    0.6667
                recall@capacity                       0.6667
                ARR captured@capacity                 0.9091
                ARR captured@capacity by ARR at risk  0.9091
                """);
    }

    @Test
    void rendersModelsSideBySideAsTextInInsertionOrder() {
        assertThat(ReportTables.text(sideBySide())).isEqualTo("""
                metric                                  gbdt  health|score
                ------------------------------------  ------  ------------
                rows                                       8             8
                positives                                  3             3
                base rate                             0.3750        0.3750
                ROC AUC                               0.7667        0.5000
                average precision                     0.7000        0.3750
                Brier score                           0.2225        0.2500
                log loss                              0.6263        0.6931
                ECE                                   0.3250        0.1250
                k@10%                                      1             1
                precision@10%                         1.0000        1.0000
                recall@10%                            0.3333        0.3333
                ARR captured@10%                      0.3030        0.6061
                ARR captured@10% by ARR at risk       0.6061        0.6061
                k@capacity                                 3             3
                precision@capacity                    0.6667        0.6667
                recall@capacity                       0.6667        0.6667
                ARR captured@capacity                 0.9091        0.9091
                ARR captured@capacity by ARR at risk  0.9091        0.9091
                """);
    }

    @Test
    void rendersModelsSideBySideAsMarkdownEscapingPipes() {
        assertThat(ReportTables.markdown(sideBySide())).isEqualTo("""
                | metric                               |   gbdt | health\\|score |
                | :----------------------------------- | -----: | ------------: |
                | rows                                 |      8 |             8 |
                | positives                            |      3 |             3 |
                | base rate                            | 0.3750 |        0.3750 |
                | ROC AUC                              | 0.7667 |        0.5000 |
                | average precision                    | 0.7000 |        0.3750 |
                | Brier score                          | 0.2225 |        0.2500 |
                | log loss                             | 0.6263 |        0.6931 |
                | ECE                                  | 0.3250 |        0.1250 |
                | k@10%                                |      1 |             1 |
                | precision@10%                        | 1.0000 |        1.0000 |
                | recall@10%                           | 0.3333 |        0.3333 |
                | ARR captured@10%                     | 0.3030 |        0.6061 |
                | ARR captured@10% by ARR at risk      | 0.6061 |        0.6061 |
                | k@capacity                           |      3 |             3 |
                | precision@capacity                   | 0.6667 |        0.6667 |
                | recall@capacity                      | 0.6667 |        0.6667 |
                | ARR captured@capacity                | 0.9091 |        0.9091 |
                | ARR captured@capacity by ARR at risk | 0.9091 |        0.9091 |
                """);
    }

    @Test
    void rendersOneReportAsMarkdownWithAValueColumn() {
        assertThat(ReportTables.markdown(model())).startsWith("""
                | metric                               |  value |
                | :----------------------------------- | -----: |
                | rows                                 |      8 |
                """);
    }

    @Test
    void rendersTheLiftByDecileTable() {
        // Ranked rows 0, 1, 2, 3, 4, 6, 5, 7 churned y n y n y n n n; 8 rows leave deciles 9-10 empty.
        // Lift of a churned single-row decile: 1 / (3/8) = 2.6667.
        assertThat(ReportTables.liftMarkdown(model())).isEqualTo("""
                | decile | rows | positives | churn rate |   lift | cumulative recall |
                | :----- | ---: | --------: | ---------: | -----: | ----------------: |
                | 1      |    1 |         1 |     1.0000 | 2.6667 |            0.3333 |
                | 2      |    1 |         0 |     0.0000 | 0.0000 |            0.3333 |
                | 3      |    1 |         1 |     1.0000 | 2.6667 |            0.6667 |
                | 4      |    1 |         0 |     0.0000 | 0.0000 |            0.6667 |
                | 5      |    1 |         1 |     1.0000 | 2.6667 |            1.0000 |
                | 6      |    1 |         0 |     0.0000 | 0.0000 |            1.0000 |
                | 7      |    1 |         0 |     0.0000 | 0.0000 |            1.0000 |
                | 8      |    1 |         0 |     0.0000 | 0.0000 |            1.0000 |
                | 9      |    0 |         0 |        n/a |    n/a |            1.0000 |
                | 10     |    0 |         0 |        n/a |    n/a |            1.0000 |
                """);
    }

    @Test
    void rendersTheReliabilityTable() {
        assertThat(ReportTables.reliabilityMarkdown(model())).isEqualTo("""
                | predicted  | count | mean predicted | observed rate |
                | :--------- | ----: | -------------: | ------------: |
                | [0.0, 0.1) |     0 |            n/a |           n/a |
                | [0.1, 0.2) |     1 |         0.1000 |        0.0000 |
                | [0.2, 0.3) |     0 |            n/a |           n/a |
                | [0.3, 0.4) |     2 |         0.3000 |        0.0000 |
                | [0.4, 0.5) |     1 |         0.4000 |        1.0000 |
                | [0.5, 0.6) |     0 |            n/a |           n/a |
                | [0.6, 0.7) |     0 |            n/a |           n/a |
                | [0.7, 0.8) |     2 |         0.7000 |        0.5000 |
                | [0.8, 0.9) |     1 |         0.8000 |        0.0000 |
                | [0.9, 1.0] |     1 |         0.9000 |        1.0000 |
                """);
    }

    @Test
    void printsNaNAsNotAvailable() {
        EvaluationReport oneClass = Evaluation.of(new double[] {0.2, 0.4}, new boolean[2], new double[2], 1);

        assertThat(ReportTables.text(oneClass)).contains("ROC AUC                                  n/a");
    }

    @Test
    void ignoresTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(ReportTables.text(model())).contains("0.7667").doesNotContain("0,7667");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void rejectsAnEmptyMapOfReports() {
        assertThatThrownBy(() -> ReportTables.markdown(Map.of()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("reports: none given (expected at least one model's report)");
    }
}
