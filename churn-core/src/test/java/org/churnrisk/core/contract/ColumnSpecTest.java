package org.churnrisk.core.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.churnrisk.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class ColumnSpecTest {

    @Test
    void rejectsBlankName() {
        assertThatThrownBy(() -> new ColumnSpec(" ", true, ColumnType.STRING, "x"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("column name: is required but blank");
    }

    @Test
    void rejectsMissingType() {
        assertThatThrownBy(() -> new ColumnSpec("arr", true, null, "x"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("column 'arr': type is required but missing");
    }
}
