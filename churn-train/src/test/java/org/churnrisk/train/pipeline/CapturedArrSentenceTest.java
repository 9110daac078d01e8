package org.churnrisk.train.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.churnrisk.train.eval.Evaluation;
import org.churnrisk.train.eval.EvaluationReport;
import org.junit.jupiter.api.Test;

/** The sentence of evaluation.md that says which order captures the most churned ARR, on rows done by hand. */
class CapturedArrSentenceTest {
    // Six rows (see ArrAtRiskOrderTest): churned ARR 10 + 200 + 1000 = 1210.
    static final double[] P = {0.9, 0.6, 0.5, 0.2, 0.1, 0.4};
    static final boolean[] Y = {true, false, true, true, false, false};
    static final double[] ARR = {10, 100, 200, 1000, 50, 250};
    // The health score's order: rows 4, 2, 5, 0, 1, 3; top 2 catch row 2 (200), top 1 nothing.
    static final double[] HEALTH = {0.3, 0.2, 0.8, 0.1, 0.9, 0.5};

    @Test
    void namesTheOrderThatCapturesTheMostAtCapacityAndInTheTopTenPercent() {
        EvaluationReport model = Evaluation.of(P, Y, ARR, 2);
        EvaluationReport health = Evaluation.of(HEALTH, Y, ARR, 2);

        // model by p: 10 / 1210 (both cuts); by p x ARR: 1200 / 1210 and 1000 / 1210.
        // health by its order: 200 / 1210 and 0; by p x ARR (rows 2: 160, 5: 125, 3: 100, 4: 45, 1: 20, 0: 3):
        // rows 2 and 5 at capacity (200 / 1210), row 2 in the top 1 (200 / 1210).
        assertThat(EvaluationFiles.capturedArr("gbdt", model, health)).isEqualTo(
                "Churned ARR captured at capacity (the top 2 accounts): gbdt 0.0083 by probability and 0.9917 by "
                        + "expected ARR lost (probability x ARR, the order of `rank_by: arr_at_risk`), the health score "
                        + "0.1653 by its own order and 0.1653 by expected ARR lost (its calibrated probability x ARR); "
                        + "in the top 10% (1 account) 0.0083, 0.8264, 0.0000 and 0.1653. On this book gbdt's "
                        + "expected-ARR-lost order captures the most at capacity and in the top 10%; gbdt's "
                        + "expected-ARR-lost order captures more than its probability order at capacity and in the top 10%.\n\n");
    }

    @Test
    void saysWhenOrdersCaptureTheSame() {
        // a constant probability ranks by ARR in both orders: rows 3 (1000, churned), 5 (250), 2 (200, churned)
        double[] constant = {0.3, 0.3, 0.3, 0.3, 0.3, 0.3};
        EvaluationReport model = Evaluation.of(constant, Y, ARR, 2);
        EvaluationReport health = Evaluation.of(HEALTH, Y, ARR, 2);

        assertThat(EvaluationFiles.capturedArr("dummy", model, health)).endsWith("On this book dummy's probability "
                + "order and dummy's expected-ARR-lost order capture the same, the most, at capacity and in the top "
                + "10%; dummy's expected-ARR-lost order captures as much as its probability order at capacity and in "
                + "the top 10%.\n\n");
    }

    @Test
    void isLeftOutWhenNoChurnedArrIsOnTheTestRows() {
        EvaluationReport none = Evaluation.of(P, new boolean[6], ARR, 2);

        assertThat(EvaluationFiles.capturedArr("gbdt", none, none)).isEmpty();
    }
}
