package org.churnrisk.score.workflow;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.core.features.FeatureTable;
import org.churnrisk.core.features.RiskBand;
import org.churnrisk.features.Feature;
import org.churnrisk.score.ScoredAccount;
import org.churnrisk.score.ScoredBook;

/**
 * The CS workflow files of a scored book, built in memory: a worklist per named Enterprise CSM
 * ({@code worklists/<csm>.csv}), the pooled Growth queue with its SLA due time
 * ({@code worklists/growth-queue.csv}), the Starter digital journey ({@code digital-journey.csv}),
 * red-flag alerts ({@code alerts.csv}), the onboarding watch ({@code onboarding.csv}) and the
 * adoption scorecard by product module ({@code adoption.csv}). Columns
 * and ordering rules are in docs/scoring.md; every file is UTF-8 with {@code \n} line ends, text
 * through the formula guard, and depends only on the scored book, the settings and the baseline.
 *
 * <p>{@code getsAPlay} decides which accounts are given work: an account it refuses is left out
 * of every file here (it stays in the ranked report), so a holdout group can be kept untreated.
 *
 * <pre>{@code
 * Workflow w = Workflow.of(scored, WorkflowSettings.DEFAULT, a -> true, null);
 * String myList = w.files().get("worklists/dana.lee.csv");
 * }</pre>
 *
 * Stateless and thread-safe; the result is immutable.
 *
 * @param files   file contents by path relative to the report's folder, sorted by path
 * @param summary what the run summary records under {@code workflow}
 */
public record Workflow(Map<String, String> files, Map<String, Object> summary) {
    public static final String WORKLISTS = "worklists";
    public static final String GROWTH_QUEUE = WORKLISTS + "/growth-queue.csv";
    public static final String DIGITAL_JOURNEY = "digital-journey.csv";
    public static final String ALERTS = "alerts.csv";
    public static final String ONBOARDING = "onboarding.csv";
    public static final String ADOPTION = "adoption.csv";
    public static final List<String> ADOPTION_COLUMNS = Adoption.COLUMNS;

    public static final List<String> WORKLIST_COLUMNS = List.of("rank", "status", "account_id", "account_name", "tier",
            "arr", "renewal_date", "days_to_renewal", "churn_probability", "risk_band", "arr_at_risk", "health_score",
            "top_driver", "suggested_play");
    public static final List<String> GROWTH_QUEUE_COLUMNS = List.of("rank", "account_id", "account_name", "tier", "csm",
            "arr", "churn_probability", "risk_band", "arr_at_risk", "health_score", "top_driver", "suggested_play",
            "opened_at", "due_at");
    public static final List<String> DIGITAL_JOURNEY_COLUMNS = List.of("account_id", "account_name", "csm", "sequence",
            "trigger_on", "reason", "risk_band", "churn_probability", "renewal_date");
    public static final List<String> ALERT_COLUMNS = List.of("account_id", "account_name", "tier", "owner", "ae", "arr",
            "churn_probability", "risk_band", "arr_at_risk", "health_score", "what_changed", "play", "task", "task_due");
    public static final List<String> ONBOARDING_COLUMNS = List.of("account_id", "account_name", "tier", "csm",
            "tenure_start", "day", "five_active_users", "first_report_exported", "first_integration_connected",
            "days_since_last_login", "risk_band", "check_in", "check_in_due", "check_in_reason");

    /** The digital sequences, in the order a Starter account is given the first that applies. */
    public static final List<String> SEQUENCES = List.of("renewal_reminder", "onboarding_tips", "feature_spotlight",
            "none");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    public Workflow {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
        summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    }

    /**
     * Builds the files of {@code book}.
     *
     * @param getsAPlay which accounts are given work (all, for {@code a -> true})
     * @param baseline  the previous run's report, or null on a first run: then every red account and
     *                  every account below the health threshold is an alert, and says there was no
     *                  baseline
     */
    public static Workflow of(ScoredBook book, WorkflowSettings settings, Predicate<ScoredAccount> getsAPlay,
                              Baseline baseline) {
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(getsAPlay, "getsAPlay");
        List<ScoredAccount> accounts = new ArrayList<>(book.accounts().stream().filter(getsAPlay).toList());
        accounts.sort(settings.rankBy().order());
        Map<String, String> files = new TreeMap<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rank_by", settings.rankBy().key());
        summary.put("weekly_capacity", settings.weeklyCapacity());
        summary.put("excluded_from_plays", book.accounts().size() - accounts.size());
        Map<String, Object> counts = new LinkedHashMap<>();
        summary.put("files", counts);

        Map<String, Object> csms = worklists(accounts, settings, files, counts);
        summary.put("worklists", csms);
        growthQueue(accounts, book.asOf(), settings, files, counts);
        Onboarding onboarding = Onboarding.of(book.features(), book.asOf(), settings);
        digitalJourney(accounts, book.asOf(), settings, onboarding, files, counts);
        summary.put("alerts", alerts(accounts, book.asOf(), settings, baseline, files, counts));
        summary.put("onboarding", onboarding.write(accounts, files, counts));
        summary.put("adoption", Adoption.write(accounts, book.accounts(), book.features(), settings, files, counts));
        return new Workflow(files, summary);
    }

    // ---- worklists --------------------------------------------------------------------------------

    /** Scored Enterprise accounts with a named CSM, one file per CSM. */
    private static Map<String, Object> worklists(List<ScoredAccount> accounts, WorkflowSettings settings,
                                                 Map<String, String> files, Map<String, Object> counts) {
        Map<String, List<ScoredAccount>> byCsm = new TreeMap<>();
        for (ScoredAccount a : accounts) {
            if (a.scored() && a.tier() == Tier.ENTERPRISE && a.csm() != null) {
                byCsm.computeIfAbsent(a.csm(), k -> new ArrayList<>()).add(a);
            }
        }
        Map<String, String> names = fileNames(byCsm.keySet());
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Map.Entry<String, List<ScoredAccount>> e : byCsm.entrySet()) {
            StringBuilder sb = new StringBuilder(Cells.header(WORKLIST_COLUMNS));
            Cells c = new Cells(sb);
            int rank = 0;
            for (ScoredAccount a : e.getValue()) {
                rank++;
                c.whole(rank).text(rank <= settings.weeklyCapacity() ? "worklist" : "overflow").text(a.accountId())
                        .text(a.name()).text(a.tier().label()).number(a.arr(), 100).raw(a.renewalDate())
                        .raw(a.daysToRenewal() >= 0 ? a.daysToRenewal() : null).risk(a).text(Cells.driver(a))
                        .text(a.play());
                c.end();
            }
            String path = WORKLISTS + "/" + names.get(e.getKey()) + ".csv";
            files.put(path, sb.toString());
            counts.put(path, e.getValue().size());
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("file", path);
            line.put("accounts", e.getValue().size());
            line.put("worklist", Math.min(e.getValue().size(), settings.weeklyCapacity()));
            line.put("overflow", Math.max(0, e.getValue().size() - settings.weeklyCapacity()));
            summary.put(e.getKey(), line);
        }
        return summary;
    }

    /**
     * A file name per CSM: letters, digits, {@code .}, {@code _} and {@code -} kept, anything else
     * {@code _}, lower case; a name that would clash with another CSM's, with the growth queue or
     * start with a dot gets a numbered suffix, in the CSMs' sorted order.
     */
    static Map<String, String> fileNames(Iterable<String> csms) {
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        taken.add("growth-queue");
        for (String csm : csms) {
            StringBuilder sb = new StringBuilder();
            csm.strip().codePoints().forEach(cp -> sb.append(cp < 128 && (Character.isLetterOrDigit(cp)
                    || cp == '.' || cp == '_' || cp == '-') ? Character.toString(Character.toLowerCase(cp)) : "_"));
            String base = sb.length() == 0 || sb.charAt(0) == '.' ? "_" + sb : sb.toString();
            if (base.length() > 100) {
                base = base.substring(0, 100);
            }
            String name = base;
            for (int n = 2; !taken.add(name); n++) {
                name = base + "-" + n;
            }
            names.put(csm, name);
        }
        return names;
    }

    /** Growth accounts (and Enterprise ones without a CSM) in the queue's bands, with the SLA due time. */
    private static void growthQueue(List<ScoredAccount> accounts, LocalDate asOf, WorkflowSettings settings,
                                    Map<String, String> files, Map<String, Object> counts) {
        LocalDateTime opened = asOf.atStartOfDay();
        String due = settings.calendar().plusBusinessHours(opened, settings.growthSlaHours()).format(TIME);
        StringBuilder sb = new StringBuilder(Cells.header(GROWTH_QUEUE_COLUMNS));
        Cells c = new Cells(sb);
        int rank = 0;
        for (ScoredAccount a : accounts) {
            boolean pooled = a.tier() == Tier.GROWTH || a.tier() == Tier.ENTERPRISE && a.csm() == null;
            if (a.scored() && pooled && settings.growthQueueBands().contains(a.band())) {
                c.whole(++rank).text(a.accountId()).text(a.name()).text(a.tier().label()).text(a.csm())
                        .number(a.arr(), 100).risk(a).text(Cells.driver(a)).text(a.play()).raw(opened.format(TIME))
                        .raw(due);
                c.end();
            }
        }
        files.put(GROWTH_QUEUE, sb.toString());
        counts.put(GROWTH_QUEUE, rank);
    }

    /** Every Starter account with the one automated sequence to trigger, in ranking order. */
    private static void digitalJourney(List<ScoredAccount> accounts, LocalDate asOf, WorkflowSettings settings,
                                       Onboarding onboarding, Map<String, String> files, Map<String, Object> counts) {
        StringBuilder sb = new StringBuilder(Cells.header(DIGITAL_JOURNEY_COLUMNS));
        Cells c = new Cells(sb);
        int rows = 0;
        for (ScoredAccount a : accounts) {
            if (a.tier() != Tier.STARTER) {
                continue;
            }
            String sequence;
            String reason;
            int day = onboarding.day(a.accountId());
            if (a.daysToRenewal() >= 0 && a.daysToRenewal() <= settings.renewalReminderDays()) {
                sequence = "renewal_reminder";
                reason = "renews in " + a.daysToRenewal() + " days";
            } else if (!a.scored() || day >= 0 && day < settings.onboardingDays()) {
                sequence = "onboarding_tips";
                reason = !a.scored() ? "no product usage yet" : "day " + day + " of onboarding";
            } else if (a.band() == RiskBand.RED || a.band() == RiskBand.YELLOW) {
                sequence = "feature_spotlight";
                reason = a.band().label() + ": " + Cells.driver(a);
            } else {
                sequence = "none";
                reason = "green";
            }
            c.text(a.accountId()).text(a.name()).text(a.csm()).text(sequence).raw(asOf).text(reason)
                    .text(a.bandLabel()).number(a.scored() ? a.probability() : Double.NaN, 10_000).raw(a.renewalDate());
            c.end();
            rows++;
        }
        files.put(DIGITAL_JOURNEY, sb.toString());
        counts.put(DIGITAL_JOURNEY, rows);
    }

    // ---- alerts -------------------------------------------------------------------------------------

    private static Map<String, Object> alerts(List<ScoredAccount> accounts, LocalDate asOf, WorkflowSettings settings,
                                              Baseline baseline, Map<String, String> files,
                                              Map<String, Object> counts) {
        LocalDate due = settings.calendar().plusBusinessDays(asOf, settings.alertDueBusinessDays());
        double below = settings.alertHealthBelow();
        StringBuilder sb = new StringBuilder(Cells.header(ALERT_COLUMNS));
        Cells c = new Cells(sb);
        int rows = 0;
        int enteredRed = 0;
        int healthFell = 0;
        for (ScoredAccount a : accounts) {
            List<String> changes = new ArrayList<>();
            boolean red = a.band() == RiskBand.RED;
            boolean low = a.healthScore() < below;
            String health = Numbers1.one(a.healthScore());
            if (baseline == null) {
                if (red) {
                    changes.add("red (no earlier report to compare with: first run)");
                }
                if (low) {
                    changes.add("health score " + health + ", below " + Numbers1.one(below)
                            + " (no earlier report to compare with: first run)");
                }
            } else {
                if (red && !baseline.red().contains(a.accountId())) {
                    changes.add("entered red since " + baseline.asOf());
                    enteredRed++;
                }
                Double before = baseline.health().get(a.accountId());
                if (low && before == null) {
                    changes.add("health score " + health + ", below " + Numbers1.one(below) + " (not in the report of "
                            + baseline.asOf() + ")");
                    healthFell++;
                } else if (low && before >= below) {
                    changes.add("health score fell from " + Numbers1.one(before) + " to " + health + " since "
                            + baseline.asOf());
                    healthFell++;
                }
            }
            if (changes.isEmpty()) {
                continue;
            }
            c.text(a.accountId()).text(a.name()).text(a.tier().label()).text(a.csm()).text(a.ae()).number(a.arr(), 100)
                    .risk(a).text(String.join("; ", changes)).text(a.play()).text(settings.alertTask()).raw(due);
            c.end();
            rows++;
        }
        files.put(ALERTS, sb.toString());
        counts.put(ALERTS, rows);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("baseline", baseline == null ? null : baseline.report());
        m.put("baseline_as_of", baseline == null ? null : baseline.asOf().toString());
        m.put("first_run", baseline == null);
        m.put("count", rows);
        m.put("entered_red", baseline == null ? null : enteredRed);
        m.put("health_fell_below", baseline == null ? null : healthFell);
        m.put("task_due", due.toString());
        return m;
    }

    /** Health scores as the report writes them: one decimal, no trailing zero. */
    static final class Numbers1 {
        private Numbers1() {
        }

        static String one(double v) {
            return org.churnrisk.features.output.Numbers.format(Math.round(v * 10) / 10.0);
        }
    }

    // ---- onboarding -------------------------------------------------------------------------------

    /** The onboarding facts of every account in the feature table, by account id. */
    static final class Onboarding {
        private final FeatureTable table;
        private final LocalDate asOf;
        private final WorkflowSettings settings;

        private Onboarding(FeatureTable table, LocalDate asOf, WorkflowSettings settings) {
            this.table = table;
            this.asOf = asOf;
            this.settings = settings;
        }

        static Onboarding of(FeatureTable table, LocalDate asOf, WorkflowSettings settings) {
            return new Onboarding(table, asOf, settings);
        }

        /** Days since the start of the account's current tenure, or -1 when unknown. */
        int day(String accountId) {
            int row = table == null ? -1 : table.rowOf(accountId);
            return row < 0 ? -1 : (int) v(row, Feature.CURRENT_TENURE_DAYS);
        }

        private double v(int row, Feature f) {
            return table.value(row, f.ordinal());
        }

        Map<String, Object> write(List<ScoredAccount> ranked, Map<String, String> files, Map<String, Object> counts) {
            record Line(ScoredAccount a, boolean due, LocalDate dueOn, String text) {
            }
            List<Line> lines = new ArrayList<>();
            StringBuilder sb = new StringBuilder(Cells.header(ONBOARDING_COLUMNS));
            int dueCount = 0;
            for (ScoredAccount a : ranked) {
                int row = table == null ? -1 : table.rowOf(a.accountId());
                if (row < 0) {
                    continue;
                }
                int day = (int) v(row, Feature.CURRENT_TENURE_DAYS);
                if (day >= settings.onboardingDays()) {
                    continue;
                }
                LocalDate start = asOf.minusDays(day);
                boolean seen = v(row, Feature.HAS_ONBOARDING) > 0;
                List<String> missed = new ArrayList<>();
                String five = milestone(row, day, seen, Feature.FIVE_USERS_REACHED, Feature.DAYS_TO_FIVE_USERS,
                        "five active users", missed);
                String export = milestone(row, day, seen, Feature.FIRST_EXPORT_REACHED, Feature.DAYS_TO_FIRST_EXPORT,
                        "first report exported", missed);
                String integration = milestone(row, day, seen, Feature.FIRST_INTEGRATION_REACHED,
                        Feature.DAYS_TO_FIRST_INTEGRATION, "first integration connected", missed);
                double sinceLogin = v(row, Feature.DAYS_SINCE_LAST_LOGIN);
                // 365 is the cap for "never"; a login before this tenure began is not one of this onboarding
                boolean loggedIn = sinceLogin < 365 && sinceLogin <= day;
                int quiet = loggedIn ? (int) sinceLogin : day;
                List<String> reasons = new ArrayList<>();
                if (quiet >= settings.noLoginDays()) {
                    reasons.add(loggedIn ? "no login for " + quiet + " days" : "no login since the start (" + day
                            + " days)");
                }
                if (!missed.isEmpty()) {
                    reasons.add("missed the day-" + settings.milestoneDay() + " milestone: " + String.join(", ", missed));
                }
                boolean due = !reasons.isEmpty();
                LocalDate dueOn;
                String text;
                if (due) {
                    dueOn = settings.calendar().onOrAfter(asOf);
                    text = String.join("; ", reasons);
                    dueCount++;
                } else {
                    LocalDate loginTrigger = asOf.plusDays(settings.noLoginDays() - quiet);
                    dueOn = loginTrigger;
                    text = "scheduled: " + settings.noLoginDays() + " days without a login";
                    boolean pending = five.startsWith("due") || export.startsWith("due") || integration.startsWith("due");
                    LocalDate milestone = start.plusDays(settings.milestoneDay());
                    if (pending && milestone.isBefore(dueOn)) {
                        dueOn = milestone;
                        text = "scheduled: day-" + settings.milestoneDay() + " milestone review";
                    }
                    dueOn = settings.calendar().onOrAfter(dueOn);
                }
                StringBuilder line = new StringBuilder();
                Cells c = new Cells(line);
                c.text(a.accountId()).text(a.name()).text(a.tier().label()).text(a.csm()).raw(start).whole(day)
                        .text(five).text(export).text(integration).raw(loggedIn ? (Object) quiet : null)
                        .text(a.bandLabel()).text(due ? "due" : "scheduled").raw(dueOn).text(text);
                c.end();
                lines.add(new Line(a, due, dueOn, line.toString()));
            }
            lines.sort(Comparator.comparing((Line l) -> !l.due()).thenComparing(Line::dueOn)
                    .thenComparing(l -> l.a().accountId()));
            lines.forEach(l -> sb.append(l.text()));
            files.put(ONBOARDING, sb.toString());
            counts.put(ONBOARDING, lines.size());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("accounts", lines.size());
            m.put("check_ins_due", dueCount);
            m.put("feature_table", table != null);
            return m;
        }

        private String milestone(int row, int day, boolean seen, Feature reached, Feature daysTo, String name,
                                 List<String> missed) {
            if (v(row, reached) > 0) {
                return seen ? "reached day " + (int) v(row, daysTo) : "reached";
            }
            if (day >= settings.milestoneDay()) {
                missed.add(name);
                return "missed";
            }
            return "due by day " + settings.milestoneDay();
        }
    }
}
