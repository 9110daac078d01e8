package org.churnrisk.score.workflow;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.features.RiskBand;
import org.churnrisk.features.io.mapping.YamlNode;

/**
 * How the workflow files are built: the ranking key of worklists, a CSM's weekly capacity, the
 * growth queue's SLA and bands, the business calendar, the alert triggers and task, and the
 * onboarding watch's window and triggers. Read from {@code scoring.workflow} in {@code churn.yaml}
 * (every key optional, unknown keys refused with their line):
 *
 * <pre>
 * scoring:
 *   workflow:
 *     rank_by: arr_at_risk          # or probability (the default)
 *     weekly_capacity: 25           # accounts a named CSM works a week; the rest are overflow
 *     growth_sla_hours: 48          # business hours from the as-of date to the growth queue's due time
 *     growth_queue_bands: [red, yellow]
 *     holidays: [2026-12-25, 2027-01-01]
 *     alert_health_below: 50
 *     alert_due_business_days: 5
 *     alert_task: "Executive business review"
 *     onboarding_days: 90
 *     no_login_days: 7
 *     milestone_day: 30
 *     renewal_reminder_days: 60     # Starter accounts renewing within this many days get the renewal reminder
 *     adoption_red_below: 0.5       # adoption.csv: a module below this ratio to its tier's median is red
 *     adoption_yellow_below: 0.8    # ... and below this one yellow
 * </pre>
 *
 * The onboarding milestones follow the {@code features:} section: "first report exported" is any
 * of {@code features.export_events}, "first integration connected" any of
 * {@code features.integration_events}, "five active users" five distinct users with any event.
 * Immutable and thread-safe.
 */
public record WorkflowSettings(RankingKey rankBy, int weeklyCapacity, int growthSlaHours, Set<RiskBand> growthQueueBands,
                               BusinessCalendar calendar, double alertHealthBelow, int alertDueBusinessDays,
                               String alertTask, int onboardingDays, int noLoginDays, int milestoneDay,
                               int renewalReminderDays, double adoptionRedBelow, double adoptionYellowBelow) {

    public static final WorkflowSettings DEFAULT = new WorkflowSettings(RankingKey.PROBABILITY, 25, 48,
            Set.of(RiskBand.RED, RiskBand.YELLOW), BusinessCalendar.DEFAULT, 50, 5, "Executive business review", 90, 7,
            30, 60, 0.5, 0.8);

    private static final List<String> KEYS = List.of("rank_by", "weekly_capacity", "growth_sla_hours",
            "growth_queue_bands", "holidays", "alert_health_below", "alert_due_business_days", "alert_task",
            "onboarding_days", "no_login_days", "milestone_day", "renewal_reminder_days", "adoption_red_below",
            "adoption_yellow_below");

    /** @throws InvalidArgumentException if a count is negative or the capacity is not positive */
    public WorkflowSettings {
        java.util.Objects.requireNonNull(rankBy, "rankBy");
        java.util.Objects.requireNonNull(calendar, "calendar");
        growthQueueBands = Set.copyOf(growthQueueBands);
        if (weeklyCapacity < 1) {
            throw new InvalidArgumentException("scoring.workflow.weekly_capacity is " + weeklyCapacity
                    + " (expected 1 or more accounts a week)");
        }
        for (int n : new int[] {growthSlaHours, alertDueBusinessDays, onboardingDays, noLoginDays, milestoneDay,
            renewalReminderDays}) {
            if (n < 0) {
                throw new InvalidArgumentException("scoring.workflow: " + n + " is negative (hours and days are 0 or more)");
            }
        }
        if (!(alertHealthBelow >= 0 && alertHealthBelow <= 100)) {
            throw new InvalidArgumentException("scoring.workflow.alert_health_below is " + alertHealthBelow
                    + " (expected a health score from 0 to 100)");
        }
        if (!(adoptionRedBelow >= 0 && adoptionRedBelow <= adoptionYellowBelow && adoptionYellowBelow <= 10)) {
            throw new InvalidArgumentException("scoring.workflow: adoption_red_below " + adoptionRedBelow
                    + " and adoption_yellow_below " + adoptionYellowBelow + " (expected ratios to the tier's median with "
                    + "0 <= red <= yellow, e.g. 0.5 and 0.8)");
        }
        if (alertTask == null || alertTask.isBlank()) {
            throw new InvalidArgumentException("scoring.workflow.alert_task is blank (expected the task's text)");
        }
    }

    public WorkflowSettings withAdoptionBands(double redBelow, double yellowBelow) {
        return new WorkflowSettings(rankBy, weeklyCapacity, growthSlaHours, growthQueueBands, calendar, alertHealthBelow,
                alertDueBusinessDays, alertTask, onboardingDays, noLoginDays, milestoneDay, renewalReminderDays,
                redBelow, yellowBelow);
    }

    public WorkflowSettings withRankBy(RankingKey key) {
        return new WorkflowSettings(key, weeklyCapacity, growthSlaHours, growthQueueBands, calendar, alertHealthBelow,
                alertDueBusinessDays, alertTask, onboardingDays, noLoginDays, milestoneDay, renewalReminderDays,
                adoptionRedBelow, adoptionYellowBelow);
    }

    public WorkflowSettings withWeeklyCapacity(int capacity) {
        return new WorkflowSettings(rankBy, capacity, growthSlaHours, growthQueueBands, calendar, alertHealthBelow,
                alertDueBusinessDays, alertTask, onboardingDays, noLoginDays, milestoneDay, renewalReminderDays,
                adoptionRedBelow, adoptionYellowBelow);
    }

    public WorkflowSettings withCalendar(BusinessCalendar c) {
        return new WorkflowSettings(rankBy, weeklyCapacity, growthSlaHours, growthQueueBands, c, alertHealthBelow,
                alertDueBusinessDays, alertTask, onboardingDays, noLoginDays, milestoneDay, renewalReminderDays,
                adoptionRedBelow, adoptionYellowBelow);
    }

    /**
     * The settings of a parsed {@code scoring.workflow} section; {@link #DEFAULT} when it is null.
     *
     * @throws InvalidArgumentException naming the file, line and key of the first mistake
     */
    public static WorkflowSettings from(YamlNode node) {
        if (node == null || node.isNull()) {
            return DEFAULT;
        }
        YamlNode.MapNode m = node.map("a map with keys " + String.join(", ", KEYS));
        m.checkKeys(KEYS);
        WorkflowSettings d = DEFAULT;
        RankingKey rankBy = d.rankBy;
        if (m.has("rank_by")) {
            try {
                rankBy = RankingKey.parse(m.get("rank_by").text("probability or arr_at_risk"));
            } catch (InvalidArgumentException e) {
                throw m.get("rank_by").error(e.getMessage());
            }
        }
        Set<RiskBand> bands = d.growthQueueBands;
        if (m.has("growth_queue_bands")) {
            bands = new LinkedHashSet<>();
            for (YamlNode.Scalar s : m.get("growth_queue_bands").scalars("bands, e.g. [red, yellow]")) {
                bands.add(band(s));
            }
        }
        Set<LocalDate> holidays = new LinkedHashSet<>();
        if (m.has("holidays") && !m.get("holidays").isNull()) {
            for (YamlNode.Scalar s : m.get("holidays").scalars("dates, e.g. [2026-12-25]")) {
                try {
                    holidays.add(LocalDate.parse(s.text().strip()));
                } catch (DateTimeParseException e) {
                    throw s.error("'" + s.text() + "' is not a date (expected yyyy-MM-dd)");
                }
            }
        }
        try {
            return new WorkflowSettings(rankBy, whole(m, "weekly_capacity", d.weeklyCapacity, "accounts"),
                    whole(m, "growth_sla_hours", d.growthSlaHours, "hours"), bands, d.calendar.withHolidays(holidays),
                    m.number("alert_health_below", d.alertHealthBelow),
                    whole(m, "alert_due_business_days", d.alertDueBusinessDays, "days"),
                    m.has("alert_task") ? m.get("alert_task").text("the task's text") : d.alertTask,
                    whole(m, "onboarding_days", d.onboardingDays, "days"),
                    whole(m, "no_login_days", d.noLoginDays, "days"), whole(m, "milestone_day", d.milestoneDay, "days"),
                    whole(m, "renewal_reminder_days", d.renewalReminderDays, "days"),
                    m.number("adoption_red_below", d.adoptionRedBelow),
                    m.number("adoption_yellow_below", d.adoptionYellowBelow));
        } catch (InvalidArgumentException e) {
            throw m.error(e.getMessage());
        }
    }

    private static int whole(YamlNode.MapNode m, String key, int fallback, String unit) {
        return m.has(key) ? m.get(key).wholeNumber(unit) : fallback;
    }

    private static RiskBand band(YamlNode.Scalar s) {
        for (RiskBand b : RiskBand.values()) {
            if (b.label().equals(s.text().strip())) {
                return b;
            }
        }
        throw s.error("'" + s.text() + "' is not a band (expected red, yellow or green)");
    }
}
