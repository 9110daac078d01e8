package org.churnrisk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.churnrisk.core.InvalidDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SurveyResponseTest {

    private static final Instant AT = Instant.parse("2025-03-04T10:15:30Z");

    @Test
    void keepsValidValues() {
        SurveyResponse r = new SurveyResponse("A-1", AT, SurveyKind.NPS, 0, "cfo@acme.example");

        assertThat(r.kind()).isEqualTo(SurveyKind.NPS);
        assertThat(r.score()).isZero();
    }

    @ParameterizedTest(name = "{0} score {1}")
    @CsvSource({
        "NPS, 11, 'score: value 11 is out of range for nps (expected 0-10)'",
        "NPS, -1, 'score: value -1 is out of range for nps (expected 0-10)'",
        "CSAT, 0, 'score: value 0 is out of range for csat (expected 1-5)'",
        "CSAT, 6, 'score: value 6 is out of range for csat (expected 1-5)'"
    })
    void rejectsScoreOutOfRangeForItsKind(SurveyKind kind, int score, String message) {
        assertThatThrownBy(() -> new SurveyResponse("A-1", AT, kind, score, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsMissingKind() {
        assertThatThrownBy(() -> new SurveyResponse("A-1", AT, null, 5, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("kind: is required but missing");
    }

    @Test
    void rejectsMissingRespondedAt() {
        assertThatThrownBy(() -> new SurveyResponse("A-1", null, SurveyKind.CSAT, 5, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("responded_at: is required but missing");
    }

    @Test
    void rejectsBlankAccountId() {
        assertThatThrownBy(() -> new SurveyResponse(null, AT, SurveyKind.CSAT, 5, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("account_id: is required but blank");
    }
}
