package org.churnrisk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.churnrisk.core.InvalidDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TouchpointKindTest {

    @Test
    void parseIgnoresCase() {
        assertThat(TouchpointKind.parse("QBR")).isEqualTo(TouchpointKind.QBR);
    }

    @Test
    void parseRejectsUnknownKindListingTheAllowedValues() {
        assertThatThrownBy(() -> TouchpointKind.parse("lunch"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("kind: value 'lunch' is not allowed (expected one of call, email, meeting, qbr, ebr)");
    }

    @ParameterizedTest
    @EnumSource(TouchpointKind.class)
    void labelIsLowercaseAndParsesBack(TouchpointKind kind) {
        assertThat(kind.label()).isLowerCase();
        assertThat(TouchpointKind.parse(kind.label())).isEqualTo(kind);
    }
}
