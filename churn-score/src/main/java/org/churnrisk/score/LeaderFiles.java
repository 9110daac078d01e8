package org.churnrisk.score;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.churnrisk.score.history.Assignment;
import org.churnrisk.score.history.HistoryEntry;
import org.churnrisk.score.history.Holdouts;
import org.churnrisk.score.history.RecordedAccount;
import org.churnrisk.score.history.RunHistory;
import org.churnrisk.score.report.HtmlReport;
import org.churnrisk.score.report.ModelCard;

/**
 * What a scoring run adds beside its report for CS leaders: the holdout (which newly flagged
 * accounts get no play), the run's entry in the history and the HTML report rebuilt from it.
 * Built before the report is written ({@link #prepare}), written after it ({@link #write}).
 */
final class LeaderFiles {
    private final Path report;
    private final ScoredBook shown;
    private final ScoringSettings settings;
    private final Map<String, Assignment> assignments;
    private final Set<String> heldOut;

    private LeaderFiles(Path report, ScoredBook shown, ScoringSettings settings, Map<String, Assignment> assignments,
                        Set<String> heldOut) {
        this.report = report;
        this.shown = shown;
        this.settings = settings;
        this.assignments = assignments;
        this.heldOut = heldOut;
    }

    /** Reads the history beside {@code report} and assigns the newly flagged accounts to arms. */
    static LeaderFiles prepare(Path report, ScoredBook book, ScoringSettings settings) throws IOException {
        Map<String, Assignment> prior = Map.of();
        for (HistoryEntry e : RunHistory.read(RunHistory.folderOf(report), false)) {
            if (e.asOf().isBefore(book.asOf())) {
                prior = e.assignments();
            }
        }
        if (settings.holdout() == null) {
            return new LeaderFiles(report, book, settings, prior, Set.of());
        }
        Map<String, Assignment> assignments = Holdouts.assign(book.accounts(), settings.holdout(), prior, book.asOf());
        Set<String> held = new TreeSet<>();
        assignments.forEach((id, a) -> {
            if (a.holdout()) {
                held.add(id);
            }
        });
        List<ScoredAccount> accounts = new ArrayList<>();
        for (ScoredAccount a : book.accounts()) {
            accounts.add(held.contains(a.accountId()) ? new ScoredAccount(a.accountId(), a.name(), a.tier(), a.csm(),
                    a.arr(), a.renewalDate(), a.daysToRenewal(), a.probability(), a.band(), a.healthScore(),
                    a.drivers(), "", a.unscoredReason()) : a);
        }
        ScoredBook shown = new ScoredBook(book.asOf(), accounts, book.extraction(), book.model(), book.data(),
                book.stages());
        return new LeaderFiles(report, shown, settings, assignments, held);
    }

    /** The book as the report shows it: holdouts without a play. */
    ScoredBook shown() {
        return shown;
    }

    /** Whether the account is held out of the plays in this run. */
    boolean heldOut(ScoredAccount a) {
        return heldOut.contains(a.accountId());
    }

    /** Writes the run's history entry, then {@code report.html} from the whole history. */
    void write(RunSummary summary) throws IOException {
        Path folder = RunHistory.folderOf(report);
        List<RecordedAccount> accounts = new ArrayList<>();
        for (ScoredAccount a : shown.accounts()) {
            accounts.add(RecordedAccount.of(a, heldOut(a)));
        }
        Map<String, Object> holdout = null;
        if (settings.holdout() != null) {
            holdout = new LinkedHashMap<>();
            holdout.put("share", settings.holdout().share());
            holdout.put("salt", settings.holdout().salt());
        }
        List<String> notes = shown.extraction() == null ? List.of() : shown.extraction().notes();
        RunHistory.write(folder, new HistoryEntry(shown.asOf(), summary.values(), accounts, holdout, assignments,
                ModelCard.of(shown.model()), notes));
        HtmlReport.write(HtmlReport.fileOf(report.toAbsolutePath().getParent()), RunHistory.read(folder, false));
    }
}
