package org.churnrisk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.churnrisk.core.InvalidDataException;
import org.junit.jupiter.api.Test;

class TouchpointTest {

    private static final Instant AT = Instant.parse("2025-03-04T10:15:30Z");

    @Test
    void kindIsOptional() {
        assertThat(new Touchpoint("A-1", AT, null).kind()).isNull();
    }

    @Test
    void rejectsBlankAccountId() {
        assertThatThrownBy(() -> new Touchpoint("", AT, TouchpointKind.QBR))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("account_id: is required but blank");
    }

    @Test
    void rejectsMissingOccurredAt() {
        assertThatThrownBy(() -> new Touchpoint("A-1", null, TouchpointKind.CALL))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("occurred_at: is required but missing");
    }
}
