package org.churnrisk.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.churnrisk.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlgorithmTest {
    @ParameterizedTest
    @CsvSource({"logistic, LOGISTIC", "xgboost, XGBOOST", "XGBoost, XGBOOST", "' logistic ', LOGISTIC"})
    void parseAcceptsTheLabelInAnyCase(String label, Algorithm expected) {
        assertThat(Algorithm.parse(label)).isEqualTo(expected);
    }

    @Test
    void labelsAreTheCommandLineNames() {
        assertThat(Algorithm.labels()).containsExactly("logistic", "xgboost");
        assertThat(Algorithm.XGBOOST.label()).isEqualTo("xgboost");
    }

    @Test
    void everyAlgorithmIsOneABundleForScoringMayName() {
        assertThat(org.churnrisk.score.bundle.ScoringBundle.ALGORITHMS).isEqualTo(Algorithm.labels());
    }

    @Test
    void anUnknownLabelIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> Algorithm.parse("forest"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("algorithm: 'forest' is not known (expected one of logistic, xgboost)");
    }
}
