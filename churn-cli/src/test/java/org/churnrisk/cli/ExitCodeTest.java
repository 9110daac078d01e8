package org.churnrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scripts depend on these numbers; changing one must fail a test. */
class ExitCodeTest {

    @ParameterizedTest
    @CsvSource({"OK, 0", "INTERNAL_ERROR, 1", "USAGE, 2", "INVALID_DATA, 3", "IO_ERROR, 4"})
    void codeIsStable(ExitCode exitCode, int expected) {
        assertThat(exitCode.code()).isEqualTo(expected);
    }
}
