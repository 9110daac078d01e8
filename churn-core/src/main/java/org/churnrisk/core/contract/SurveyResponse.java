package org.churnrisk.core.contract;

import java.time.Instant;
import org.churnrisk.core.InvalidDataException;

/**
 * One row of {@code surveys}: a score someone at an account gave in an NPS or CSAT survey.
 *
 * <p>Components follow the canonical column order; {@code respondent} is null when absent.
 * Immutable and thread-safe.
 *
 * @param accountId required
 * @param respondedAt required, when the answer was given
 * @param kind required; decides the valid score range
 * @param score required, within the range of {@code kind} (nps 0-10, csat 1-5)
 * @param respondent optional, who answered
 */
public record SurveyResponse(
        String accountId, Instant respondedAt, SurveyKind kind, int score, String respondent) {

    /**
     * Validates the fields; text is stripped and blank optional text becomes null.
     *
     * @throws InvalidDataException if a required field is blank or missing or the score is out of
     *     range, e.g. {@code score: value 11 is out of range for nps (expected 0-10)}
     */
    public SurveyResponse {
        accountId = Check.requiredText("account_id", accountId);
        Check.required("responded_at", respondedAt);
        Check.required("kind", kind).checkScore(score);
        respondent = Check.optionalText(respondent);
    }
}
