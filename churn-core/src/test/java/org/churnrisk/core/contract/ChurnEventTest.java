package org.churnrisk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.churnrisk.core.InvalidDataException;
import org.junit.jupiter.api.Test;

class ChurnEventTest {

    @Test
    void reasonIsOptional() {
        assertThat(new ChurnEvent("A-1", LocalDate.of(2025, 3, 1), " ").reason()).isNull();
    }

    @Test
    void rejectsBlankAccountId() {
        assertThatThrownBy(() -> new ChurnEvent(" ", LocalDate.of(2025, 3, 1), null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("account_id: is required but blank");
    }

    @Test
    void rejectsMissingChurnedAt() {
        assertThatThrownBy(() -> new ChurnEvent("A-1", null, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("churned_at: is required but missing");
    }
}
