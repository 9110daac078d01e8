package org.churnrisk.features.io.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Excel serial dates of the 1900 system, read only when the formats allow them. */
class ExcelDatesTest {
    private static final ValueFormats EXCEL = new ValueFormats(ZoneId.of("Europe/Berlin"), List.of(), List.of(),
            ValueFormats.DEFAULT.trueSpellings(), ValueFormats.DEFAULT.falseSpellings(), true);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"45720, 2025-03-04", "45720.0, 2025-03-04", "25569, 1970-01-01", "1, 1900-01-01", "59, 1900-02-28",
        "61, 1900-03-01", "73415, 2100-12-31", "2958465, 9999-12-31"})
    void aWholeSerialIsADate(String serial, LocalDate expected) {
        assertThat(new ValueParser(EXCEL).epochDay(serial)).isEqualTo(expected.toEpochDay());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "60", "45720.5", "-45720", "45,720", "4.572E4", "2958466", "45720x"})
    void whatIsNotASerialDateIsRefused(String text) {
        assertThat(new ValueParser(EXCEL).epochDay(text)).isEqualTo(ValueParser.INVALID);
    }

    @ParameterizedTest(name = "{0} is {1} in Berlin")
    @CsvSource({"45720.75, 2025-03-04T18:00", "45720.7499999999, 2025-03-04T18:00", "45720, 2025-03-04T00:00",
        "45746.1041666667, 2025-03-30T02:30"})
    void aFractionIsTheTimeOfDayInTheZone(String serial, LocalDateTime local) {
        // 2025-03-30 02:30 does not exist in Berlin: moved forward by the gap, as java.time does
        long expected = local.atZone(ZoneId.of("Europe/Berlin")).toEpochSecond();
        assertThat(new ValueParser(EXCEL).epochSecond(serial)).isEqualTo(expected);
    }

    @Test
    void withoutExcelDatesASerialIsNotADateAndTheMessageSaysWhatIs() {
        assertThat(new ValueParser(ValueFormats.DEFAULT).epochDay("45720")).isEqualTo(ValueParser.INVALID);
        assertThat(new ValueParser(EXCEL).dateExpected())
                .isEqualTo("is not a date (expected yyyy-MM-dd or an Excel serial date such as 45720)");
        assertThat(new ValueParser(EXCEL).epochDay("2025-03-04")).isEqualTo(LocalDate.of(2025, 3, 4).toEpochDay());
    }
}
