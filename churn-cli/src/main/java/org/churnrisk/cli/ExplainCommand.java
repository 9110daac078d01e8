package org.churnrisk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.churnrisk.features.ReadOptions;
import org.churnrisk.features.output.Numbers;
import org.churnrisk.score.ChurnModel;
import org.churnrisk.score.Driver;
import org.churnrisk.score.ExplainedAccount;
import org.churnrisk.score.Explanation;
import org.churnrisk.score.ScoredAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churn explain}: one account's probability, band, features and every contribution. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Explains one account's churn score as of a date: its probability and band, its report line "
                + "(drivers and suggested play), and every feature's value and exact contribution to the model's "
                + "log-odds of churn, largest first (positive pushes the risk up).",
        footerHeading = "%nExample:%n",
        footer = "  churn explain --data book/ --model model/ --as-of 2026-11-01 --account A00042")
final class ExplainCommand implements Callable<Integer> {
    @Mixin
    private ScoringOptions book;

    @Option(names = "--account", required = true, paramLabel = "<account-id>", description = "The account to explain.")
    private String account;

    @Override
    public Integer call() throws IOException {
        Path data = book.data();
        BookOptions.requireBook(data);
        Path rejects = data.toAbsolutePath().resolveSibling(data.getFileName() + ".explain.rejects");
        book.outputGuard().folder("--skip-bad-rows", data, "the rejects folder", rejects);
        ProgressReporter progress = book.progress();
        ReadOptions read = book.read(rejects, progress);
        ChurnModel churn = book.model();
        LocalDate date = book.asOf();
        ExplainedAccount explained = churn.explain(data, read, book.settings().features(), date, account);
        progress.finishLine();
        print(book.out(), explained, date, churn.provenance().get("horizon_days"));
        return ExitCode.OK.code();
    }

    static void print(PrintWriter out, ExplainedAccount explained, LocalDate asOf, Object horizonDays) {
        ScoredAccount a = explained.account();
        Explanation e = explained.explanation();
        out.printf(Locale.ROOT, "%s%s (%s, CSM %s), as of %s%n", a.accountId(),
                a.name() == null ? "" : " " + a.name(), a.tier().label(), a.csm() == null ? "none" : a.csm(), asOf);
        out.printf(Locale.ROOT, "ARR $%,.0f, %s, health score %.1f%n", a.arr(), a.renewalDate() == null
                ? "no renewal date" : "renews " + a.renewalDate() + " (in " + a.daysToRenewal() + " days)",
                a.healthScore());
        String horizon = horizonDays == null ? "the model's horizon" : horizonDays + " days";
        if (a.scored()) {
            out.printf(Locale.ROOT, "Churn probability within %s: %.4f (%s)%n", horizon, a.probability(),
                    a.bandLabel());
        } else {
            out.printf(Locale.ROOT, "Not scored in the report: %s. The model would say %.4f; the numbers below are"
                    + " what it computes all the same.%n", a.unscoredReason(), e.probability());
        }
        double sum = e.contributions().stream().mapToDouble(Explanation.Contribution::contribution).sum();
        out.printf(Locale.ROOT, "Log-odds of churn before calibration: base %+.4f + contributions %+.4f = %+.4f%n",
                e.base(), sum, e.margin());
        for (int i = 0; i < a.drivers().size(); i++) {
            Driver d = a.drivers().get(i);
            out.printf(Locale.ROOT, "Driver %d: %s (%s, %+.4f)%n", i + 1, d.phrase(), d.group().key(), d.contribution());
        }
        if (!e.context().isEmpty()) {
            out.println("Context (raises the risk, but on the healthy side of its reference, so not a driver):");
            for (Driver d : e.context()) {
                out.printf(Locale.ROOT, "  %s (%s, %+.4f)%n", d.phrase(), d.group().key(), d.contribution());
            }
        }
        out.println("Suggested play: " + (a.play().isEmpty() ? "none" : a.play()));
        out.println();
        int width = e.contributions().stream().mapToInt(c -> c.feature().key().length()).max().orElse(10);
        String format = "%-" + width + "s  %12s  %12s  %s%n";
        out.printf(Locale.ROOT, format, "feature", "value", "contribution", "in words");
        for (Explanation.Contribution c : e.contributions()) {
            out.printf(Locale.ROOT, format, c.feature().key(), Numbers.format(c.value()),
                    String.format(Locale.ROOT, "%+.4f", c.contribution()), c.phrase());
        }
        out.flush();
    }
}
