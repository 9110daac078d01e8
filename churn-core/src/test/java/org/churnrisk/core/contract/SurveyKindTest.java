package org.churnrisk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.churnrisk.core.InvalidDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SurveyKindTest {

    @ParameterizedTest(name = "{0} scores run {1}-{2}")
    @CsvSource({"NPS, 0, 10", "CSAT, 1, 5"})
    void eachKindKnowsItsScoreRange(SurveyKind kind, int min, int max) {
        assertThat(kind.minScore()).isEqualTo(min);
        assertThat(kind.maxScore()).isEqualTo(max);
    }

    @ParameterizedTest(name = "{0} accepts {1}")
    @CsvSource({"NPS, 0", "NPS, 10", "CSAT, 1", "CSAT, 5"})
    void checkScoreAcceptsTheEndsOfTheRange(SurveyKind kind, int score) {
        assertThat(kind.checkScore(score)).isEqualTo(score);
    }

    @ParameterizedTest(name = "{0} rejects {1}")
    @CsvSource({
        "NPS, -1, 'score: value -1 is out of range for nps (expected 0-10)'",
        "NPS, 11, 'score: value 11 is out of range for nps (expected 0-10)'",
        "CSAT, 0, 'score: value 0 is out of range for csat (expected 1-5)'",
        "CSAT, 6, 'score: value 6 is out of range for csat (expected 1-5)'"
    })
    void checkScoreRejectsOutOfRangeNamingTheKindAndRange(SurveyKind kind, int score, String message) {
        assertThatThrownBy(() -> kind.checkScore(score))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(message);
    }

    @Test
    void parseRejectsUnknownKindListingTheAllowedValues() {
        assertThatThrownBy(() -> SurveyKind.parse("ces"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("kind: value 'ces' is not allowed (expected one of nps, csat)");
    }

    @ParameterizedTest
    @EnumSource(SurveyKind.class)
    void labelIsLowercaseAndParsesBack(SurveyKind kind) {
        assertThat(kind.label()).isLowerCase();
        assertThat(SurveyKind.parse(kind.label())).isEqualTo(kind);
    }
}
