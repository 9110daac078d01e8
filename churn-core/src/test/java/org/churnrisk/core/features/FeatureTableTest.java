package org.churnrisk.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.churnrisk.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class FeatureTableTest {
    static final FeatureSchema SCHEMA = new FeatureSchema("t/1", List.of("a", "b"));
    static final FeatureTable TABLE = new FeatureTable(SCHEMA, LocalDate.of(2026, 1, 1), List.of("x", "y", "z"),
            new double[] {1, 2, 3, 4, 5, 6}, new double[3]);

    @Test
    void copyRowsCopiesTheRangeOneRowAfterAnother() {
        double[] dest = new double[6];

        TABLE.copyRows(1, 3, dest, 1);

        assertThat(dest).containsExactly(0, 3, 4, 5, 6, 0);
    }

    @Test
    void copyRowsRefusesARangeThatDoesNotFit() {
        assertThatThrownBy(() -> TABLE.copyRows(1, 3, new double[4], 1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("rows [1, 3) are not within the table's 3 rows, or their 4 values do not fit the 4 places"
                        + " of the destination from 1");
        assertThatThrownBy(() -> TABLE.copyRows(2, 4, new double[10], 0)).isInstanceOf(InvalidArgumentException.class);
    }
}
