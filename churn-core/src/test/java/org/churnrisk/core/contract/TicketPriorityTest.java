package org.churnrisk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.churnrisk.core.InvalidDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TicketPriorityTest {

    @Test
    void parseIgnoresCase() {
        assertThat(TicketPriority.parse("Urgent")).isEqualTo(TicketPriority.URGENT);
    }

    @Test
    void parseRejectsUnknownPriorityListingTheAllowedValues() {
        assertThatThrownBy(() -> TicketPriority.parse("critical"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("priority: value 'critical' is not allowed (expected one of low, normal, high, urgent)");
    }

    @ParameterizedTest
    @EnumSource(TicketPriority.class)
    void labelIsLowercaseAndParsesBack(TicketPriority priority) {
        assertThat(priority.label()).isLowerCase();
        assertThat(TicketPriority.parse(priority.label())).isEqualTo(priority);
    }
}
