package org.churnrisk.score.history;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.churnrisk.score.HoldoutSettings;
import org.churnrisk.score.ScoredAccount;

/**
 * Which newly flagged accounts are held out of the plays.
 *
 * <p>An account is assigned once, on the first run that finds it red or yellow while a holdout is
 * set, and keeps that arm on every later run (the history carries the assignments), whatever
 * accounts are added to or leave the book. On that run the newly flagged accounts are split into
 * strata by band and tier; within a stratum they are ordered by {@code SHA-256(salt, account id)}
 * and every account whose position {@code r} (from 0) makes {@code floor(o + (r + 1) s)} greater
 * than {@code floor(o + r s)} is held out, for the share {@code s} and a start {@code o} in [0, 1)
 * hashed from the salt, the stratum and the date. So each stratum holds out its share to within one
 * account, and which accounts depends only on their ids and the salt, never on the order of the
 * export. Stateless.
 */
public final class Holdouts {
    private Holdouts() {
    }

    /**
     * The assignments after this run: {@code previous} (kept as they are) and one for every account
     * of {@code accounts} that is red or yellow and not yet assigned.
     *
     * @param accounts the run's accounts, with the plays the rules gave them
     * @param previous the assignments of the latest earlier run, by account id
     */
    public static Map<String, Assignment> assign(List<ScoredAccount> accounts, HoldoutSettings settings,
                                                 Map<String, Assignment> previous, LocalDate asOf) {
        Map<String, Assignment> out = new TreeMap<>(previous);
        Map<String, List<ScoredAccount>> strata = new TreeMap<>();
        for (ScoredAccount a : accounts) {
            boolean flagged = a.scored() && !"green".equals(a.bandLabel());
            if (flagged && !previous.containsKey(a.accountId())) {
                strata.computeIfAbsent(a.bandLabel() + "/" + a.tier().label(), k -> new ArrayList<>()).add(a);
            }
        }
        for (Map.Entry<String, List<ScoredAccount>> stratum : strata.entrySet()) {
            List<ScoredAccount> members = new ArrayList<>(stratum.getValue());
            members.sort(Comparator.comparingDouble((ScoredAccount a) -> unit(settings.salt(), "account", a.accountId()))
                    .thenComparing(ScoredAccount::accountId));
            double start = unit(settings.salt(), "stratum", stratum.getKey() + "/" + asOf);
            double s = settings.share();
            for (int r = 0; r < members.size(); r++) {
                ScoredAccount a = members.get(r);
                boolean holdout = Math.floor(start + (r + 1) * s) > Math.floor(start + r * s);
                out.put(a.accountId(), new Assignment(holdout, asOf, a.bandLabel(), a.tier().label(), a.arr(), a.play()));
            }
        }
        return out;
    }

    /** A number in [0, 1) from the first 53 bits of SHA-256 of the parts joined by NUL. */
    static double unit(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    sha.update((byte) 0);
                }
                sha.update(parts[i].getBytes(StandardCharsets.UTF_8));
            }
            long bits = ByteBuffer.wrap(sha.digest()).getLong() >>> 11;
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
