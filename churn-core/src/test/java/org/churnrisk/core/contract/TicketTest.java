package org.churnrisk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.churnrisk.core.InvalidDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TicketTest {

    private static final Instant CREATED = Instant.parse("2025-03-04T10:15:30Z");
    private static final Instant RESOLVED = Instant.parse("2025-03-06T09:00:00Z");

    private static Ticket ticket(Instant resolvedAt, Integer satisfaction) {
        return new Ticket("T-1", "A-1", CREATED, resolvedAt, TicketPriority.HIGH, false, satisfaction);
    }

    @Test
    void keepsValidValues() {
        Ticket t = ticket(RESOLVED, 4);

        assertThat(t.resolvedAt()).isEqualTo(RESOLVED);
        assertThat(t.satisfaction()).isEqualTo(4);
    }

    @Test
    void rejectsResolvedBeforeCreated() {
        assertThatThrownBy(() -> ticket(Instant.parse("2025-03-01T00:00:00Z"), null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("resolved_at: value 2025-03-01T00:00:00Z is before created_at 2025-03-04T10:15:30Z"
                        + " (expected a time at or after created_at)");
    }

    @Test
    void acceptsResolvedAtTheMomentItWasCreated() {
        assertThat(ticket(CREATED, null).resolvedAt()).isEqualTo(CREATED);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6})
    void rejectsSatisfactionOutsideOneToFive(int satisfaction) {
        assertThatThrownBy(() -> ticket(null, satisfaction))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("satisfaction: value " + satisfaction + " is out of range (expected 1-5)");
    }

    @Test
    void rejectsBlankTicketId() {
        assertThatThrownBy(() -> new Ticket("", "A-1", CREATED, null, null, false, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("ticket_id: is required but blank");
    }

    @Test
    void rejectsMissingCreatedAt() {
        assertThatThrownBy(() -> new Ticket("T-1", "A-1", null, null, null, false, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("created_at: is required but missing");
    }

    @ParameterizedTest(name = "cutoff {0}: open={1}")
    @CsvSource({
        "2025-03-04T10:15:30Z, false", // created at the cutoff: not known yet
        "2025-03-05T00:00:00Z, true",
        "2025-03-06T09:00:00Z, true", // resolved at the cutoff: still open then
        "2025-03-06T09:00:01Z, false"
    })
    void isOpenAtFollowsThePointInTimeRule(Instant cutoff, boolean open) {
        assertThat(ticket(RESOLVED, null).isOpenAt(cutoff)).isEqualTo(open);
    }

    @Test
    void anUnresolvedTicketStaysOpen() {
        assertThat(ticket(null, null).isOpenAt(Instant.parse("2030-01-01T00:00:00Z"))).isTrue();
    }
}
