package org.churnrisk.score.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {
    @TempDir
    Path dir;

    static HistoryEntry entry(String asOf, double atRisk) {
        RecordedAccount a = new RecordedAccount("A1", "Acme <b>", "growth", null, 1000, null, 0.4, "red", 30,
                List.of("no login in 7 days"), "", true);
        return new HistoryEntry(LocalDate.parse(asOf), Map.of("as_of", asOf, "arr", Map.of("at_risk", atRisk)),
                List.of(a), null, Map.of("A1", new Assignment(true, LocalDate.parse(asOf), "red", "growth", 1000, "Call")),
                null, List.of());
    }

    @Test
    void anEntryReadsBackAsItWasWritten() throws Exception {
        RunHistory.write(dir, entry("2026-11-01", 400));

        HistoryEntry read = RunHistory.readEntry(RunHistory.fileOf(dir, LocalDate.parse("2026-11-01")));
        assertThat(read.accounts()).isEqualTo(entry("2026-11-01", 400).accounts());
        assertThat(read.assignments()).isEqualTo(entry("2026-11-01", 400).assignments());
        assertThat(read.number("arr", "at_risk")).isEqualTo(400);
    }

    @Test
    void aRerunOfTheSameDateReplacesItsEntry() throws Exception {
        RunHistory.write(dir, entry("2026-11-01", 400));
        RunHistory.write(dir, entry("2026-11-01", 500));

        List<HistoryEntry> all = RunHistory.read(dir, true);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).number("arr", "at_risk")).isEqualTo(500);
    }

    @Test
    void keepsThe35LatestDaysAndTheLastDayOf24Months() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LocalDate.parse("2023-01-01"); !d.isAfter(LocalDate.parse("2026-11-30")); d = d.plusDays(1)) {
            days.add(d);
        }

        TreeSet<LocalDate> kept = RunHistory.kept(days);

        // 35 days back from 2026-11-30 reaches 2026-10-27; October's and November's month-ends are among them, those of 2024-12 to 2026-09 add 22
        assertThat(kept.first()).isEqualTo(LocalDate.parse("2024-12-31"));
        assertThat(kept.headSet(LocalDate.parse("2026-10-27"))).hasSize(22).allMatch(d -> d.plusDays(1).getDayOfMonth() == 1);
        assertThat(kept).hasSize(35 + 22);
    }

    @Test
    void writingPrunesWhatIsNoLongerKept() throws Exception {
        for (int i = 0; i < 40; i++) {
            RunHistory.write(dir, entry(LocalDate.parse("2026-11-01").plusDays(i).toString(), i));
        }
        List<HistoryEntry> all = RunHistory.read(dir, true);
        // the 35 latest (2026-11-06 .. 2026-12-10); November's latest, 2026-11-30, is among them
        assertThat(all).hasSize(35);
        assertThat(all.get(0).asOf()).isEqualTo(LocalDate.parse("2026-11-06"));
    }
}
