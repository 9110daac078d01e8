package org.churnrisk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.churnrisk.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SourceTest {

    /** The contract's table, written out by hand; a trailing {@code *} marks a required column. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(Source.ACCOUNTS,
                        "account_id* account_name arr licensed_seats contract_start renewal_date tier csm ae"),
                Arguments.of(Source.USAGE, "account_id* occurred_at* user_id event* quantity errors"),
                Arguments.of(Source.TICKETS,
                        "ticket_id* account_id* created_at* resolved_at priority escalated satisfaction"),
                Arguments.of(Source.SURVEYS, "account_id* responded_at* kind* score* respondent"),
                Arguments.of(Source.TOUCHPOINTS, "account_id* occurred_at* kind"),
                Arguments.of(Source.CONTRACTS, "account_id* start_date* end_date arr* seats plan"),
                Arguments.of(Source.CHURN, "account_id* churned_at* reason"));
    }

    private static List<String> names(String row) {
        return Arrays.stream(row.split(" ")).map(c -> c.replace("*", "")).toList();
    }

    private static List<String> requiredNames(String row) {
        return Arrays.stream(row.split(" "))
                .filter(c -> c.endsWith("*"))
                .map(c -> c.replace("*", ""))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void columnNamesFollowTheTableOrder(Source source, String row) {
        assertThat(source.columnNames()).containsExactlyElementsOf(names(row));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void requiredFlagsMatchTheTable(Source source, String row) {
        assertThat(source.requiredColumns())
                .extracting(ColumnSpec::name)
                .containsExactlyElementsOf(requiredNames(row));
    }

    @Test
    void tableCoversEverySource() {
        assertThat(table().map(a -> a.get()[0])).containsExactlyInAnyOrder((Object[]) Source.values());
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "ACCOUNTS, accounts, REQUIRED",
        "USAGE, usage, REQUIRED",
        "TICKETS, tickets, OPTIONAL",
        "SURVEYS, surveys, OPTIONAL",
        "TOUCHPOINTS, touchpoints, OPTIONAL",
        "CONTRACTS, contracts, OPTIONAL",
        "CHURN, churn, TRAINING"
    })
    void fileStemAndRequirementMatchTheTable(Source source, String stem, Requirement requirement) {
        assertThat(source.fileStem()).isEqualTo(stem);
        assertThat(source.requirement()).isEqualTo(requirement);
    }

    @ParameterizedTest
    @EnumSource(value = Source.class, names = {"TICKETS", "SURVEYS", "TOUCHPOINTS", "CONTRACTS"})
    void ticketsSurveysTouchpointsAndContractsAreOptional(Source source) {
        assertThat(source.optional()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Source.class, names = {"TICKETS", "SURVEYS", "TOUCHPOINTS", "CONTRACTS"},
            mode = EnumSource.Mode.EXCLUDE)
    void theOtherSourcesAreNotOptional(Source source) {
        assertThat(source.optional()).isFalse();
    }

    @Test
    void churnIsNeededToTrainButNotToScore() {
        assertThat(Source.CHURN.requirement().neededToTrain()).isTrue();
        assertThat(Source.CHURN.requirement().neededToScore()).isFalse();
    }

    @Test
    void columnReturnsTheSpecByName() {
        ColumnSpec score = Source.SURVEYS.column("score");

        assertThat(score.required()).isTrue();
        assertThat(score.type()).isEqualTo(ColumnType.INTEGER);
    }

    @Test
    void columnRejectsAnUnknownNameListingTheKnownColumns() {
        assertThatThrownBy(() -> Source.CHURN.column("churn_date"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("churn has no column 'churn_date' (known columns: account_id, churned_at, reason)");
    }

    @Test
    void hasColumnIsFalseForExtraColumns() {
        assertThat(Source.USAGE.hasColumn("browser")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void columnNamesCannotBeModified(Source source) {
        assertThatThrownBy(() -> source.columnNames().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "ACCOUNTS, arr, DECIMAL",
        "ACCOUNTS, tier, ENUM",
        "USAGE, occurred_at, TIMESTAMP",
        "USAGE, quantity, INTEGER",
        "TICKETS, escalated, BOOLEAN",
        "CONTRACTS, end_date, DATE",
        "CHURN, churned_at, DATE"
    })
    void columnsHaveTheDocumentedType(Source source, String column, ColumnType type) {
        assertThat(source.column(column).type()).isEqualTo(type);
    }
}
