package org.churnrisk.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.churnrisk.score.ScoredAccount;

/** Prints the riskiest accounts of a report as a table for a terminal. */
final class TopAccounts {
    private static final int NAME_WIDTH = 26;
    private static final int DRIVER_WIDTH = 46;

    private TopAccounts() {
    }

    static void print(PrintWriter out, List<ScoredAccount> ranked, int n) {
        List<ScoredAccount> top = ranked.subList(0, Math.min(n, ranked.size()));
        if (top.isEmpty()) {
            out.println("No account could be scored.");
            return;
        }
        int idWidth = Math.max("account".length(), top.stream().mapToInt(a -> a.accountId().length()).max().orElse(0));
        String format = "%4s  %-" + idWidth + "s  %-" + NAME_WIDTH + "s  %-10s  %12s  %7s  %-6s  %s%n";
        out.printf(Locale.ROOT, format, "rank", "account", "name", "tier", "ARR", "churn", "band", "top driver");
        for (int i = 0; i < top.size(); i++) {
            ScoredAccount a = top.get(i);
            out.printf(Locale.ROOT, format, i + 1, a.accountId(), cut(a.name() == null ? "" : a.name(), NAME_WIDTH),
                    a.tier().label(), String.format(Locale.ROOT, "$%,.0f", a.arr()),
                    String.format(Locale.ROOT, "%.1f%%", a.probability() * 100), a.bandLabel(),
                    a.drivers().isEmpty() ? "" : cut(a.drivers().get(0).phrase(), DRIVER_WIDTH));
        }
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 3) + "...";
    }
}
