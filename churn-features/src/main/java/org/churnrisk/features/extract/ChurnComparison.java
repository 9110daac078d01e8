package org.churnrisk.features.extract;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.churnrisk.features.io.mapping.AccountChurn;
import org.churnrisk.features.io.problems.Texts;

/**
 * Compares the churn file with the churn an account list records (a flag and a date), account by
 * account: the two agree on an account when both give the same latest churn date, or neither
 * gives one. Stateless.
 */
public final class ChurnComparison {
    private ChurnComparison() {
    }

    /**
     * The note when they disagree: {@code churn: churn.csv and the accounts' Churn Date disagree
     * on 2 accounts (A-1: churn.csv 2024-11-03, accounts none; A-7: ...); churn.csv is used}.
     *
     * @param fromFile     account id to its latest churn day in the churn file
     * @param fromAccounts account id to the churn day of its account row
     */
    public static Optional<String> note(Map<String, Long> fromFile, Map<String, Long> fromAccounts, String fileName,
                                 AccountChurn derived) {
        TreeSet<String> ids = new TreeSet<>(fromFile.keySet());
        ids.addAll(fromAccounts.keySet());
        List<String> differing = new ArrayList<>();
        for (String id : ids) {
            Long a = fromFile.get(id);
            Long b = fromAccounts.get(id);
            if (a == null ? b != null : !a.equals(b)) {
                differing.add(id + ": " + fileName + " " + day(a) + ", accounts " + day(b));
            }
        }
        if (differing.isEmpty()) {
            return Optional.empty();
        }
        String columns = "'" + derived.date() + "'" + (derived.flag() == null ? "" : " and '" + derived.flag() + "'");
        return Optional.of("churn: " + fileName + " and the accounts' " + columns + " disagree on "
                + Texts.grouped(differing.size()) + (differing.size() == 1 ? " account" : " accounts") + " of "
                + Texts.grouped(ids.size()) + " with a churn (" + String.join("; ", differing.subList(0,
                Math.min(3, differing.size()))) + (differing.size() > 3 ? "; ..." : "") + "); " + fileName
                + " is used (leave out sources.churn.from_accounts, or the churn file, to use only one)");
    }

    private static String day(Long epochDay) {
        return epochDay == null ? "none" : LocalDate.ofEpochDay(epochDay).toString();
    }
}
