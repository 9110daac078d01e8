package org.churnrisk.core.features;

import org.churnrisk.core.InvalidArgumentException;

/**
 * The classic composite customer health score, 0-100, the rule-based baseline every model must
 * beat: usage 40%, support 30%, NPS/CSAT 20% and CSM engagement 10% by default, red below 50,
 * yellow from 50 to 75, green above 75.
 *
 * <p>Each part is itself 0-100, computed from named features (docs/features.md, "Health score"):
 * <ul>
 *   <li>usage: 60% seat utilisation against a target of 80% (without seats: 30-day over 90-day
 *       active users) and 40% login trend mapped from [-1, 1] to [0, 1];</li>
 *   <li>support: 100 less 10 per open ticket, 20 per escalated and 5 per high or urgent ticket
 *       in 90 days, and 20 per point of mean satisfaction below 4;</li>
 *   <li>NPS/CSAT: the mean of NPS x 10 and (CSAT - 1) x 25 over those known, 50 if neither;</li>
 *   <li>CSM engagement: 100 up to 30 days since the last touchpoint, falling to 0 at 120 days,
 *       0 with none.</li>
 * </ul>
 * Immutable and thread-safe; {@link #score} allocates nothing.
 */
public final class HealthScore {
    /** The default weights and bands. */
    public static final HealthScore DEFAULT = new HealthScore(40, 30, 20, 10, 50, 75);

    private final double usageWeight;
    private final double supportWeight;
    private final double sentimentWeight;
    private final double engagementWeight;
    private final double redBelow;
    private final double greenAbove;
    private final Weights weights;

    /**
     * @param redBelow   scores below this are red
     * @param greenAbove scores above this are green; the rest are yellow
     */
    public HealthScore(double usageWeight, double supportWeight, double sentimentWeight, double engagementWeight,
                       double redBelow, double greenAbove) {
        this(usageWeight, supportWeight, sentimentWeight, engagementWeight, redBelow, greenAbove,
                checked(new Weights(usageWeight, supportWeight, sentimentWeight, engagementWeight), redBelow, greenAbove));
    }

    /** The weights and bands, checked: each weight >= 0, one above 0, and 0 <= red <= green <= 100. */
    private static Weights checked(Weights given, double redBelow, double greenAbove) {
        double[] weights = {given.usage(), given.support(), given.npsCsat(), given.csmEngagement()};
        String[] names = {"usage", "support", "nps_csat", "csm_engagement"};
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new InvalidArgumentException("health weight " + names[i] + ": " + weights[i]
                        + " is not a number >= 0");
            }
            total += weights[i];
        }
        if (total <= 0) {
            throw new InvalidArgumentException("health weights: at least one must be above 0");
        }
        if (!(redBelow >= 0 && redBelow <= greenAbove && greenAbove <= 100)) {
            throw new InvalidArgumentException("health bands: red below " + redBelow + " and green above "
                    + greenAbove + " must satisfy 0 <= red <= green <= 100");
        }
        return given;
    }

    /**
     * The weights of the four parts as given, before they are scaled to sum to 1; what
     * {@code features.health.weights} in churn.yaml sets.
     */
    public record Weights(double usage, double support, double npsCsat, double csmEngagement) {
    }

    /**
     * This score for a book that lacks some sources: the parts they feed are left out (weight 0)
     * and the others keep their proportions, scaled to sum to 1 again. Without tickets the support
     * part goes, without surveys NPS/CSAT, without touchpoints CSM engagement; with the default
     * weights and no surveys, usage weighs 50%, support 37.5%, CSM engagement 12.5%. When every
     * remaining part has weight 0, the score stays as it is. {@link #weights()} and the bands are
     * kept.
     *
     * @return this score when nothing is left out
     */
    public HealthScore withoutParts(boolean support, boolean npsCsat, boolean csmEngagement) {
        double u = weights.usage();
        double s = support ? 0 : weights.support();
        double n = npsCsat ? 0 : weights.npsCsat();
        double e = csmEngagement ? 0 : weights.csmEngagement();
        if (!(support || npsCsat || csmEngagement) || u + s + n + e <= 0) {
            return this;
        }
        return new HealthScore(u, s, n, e, redBelow, greenAbove, weights);
    }

    /** Weights scaled to sum to 1; {@code given} is what {@link #weights()} reports. */
    private HealthScore(double usageWeight, double supportWeight, double sentimentWeight, double engagementWeight,
                        double redBelow, double greenAbove, Weights given) {
        double total = usageWeight + supportWeight + sentimentWeight + engagementWeight;
        this.usageWeight = usageWeight / total;
        this.supportWeight = supportWeight / total;
        this.sentimentWeight = sentimentWeight / total;
        this.engagementWeight = engagementWeight / total;
        this.redBelow = redBelow;
        this.greenAbove = greenAbove;
        this.weights = given;
    }

    /** The weights as given to the constructor, e.g. 40, 30, 20, 10 for {@link #DEFAULT}. */
    public Weights weights() {
        return weights;
    }

    /** Scores below this are red. */
    public double redBelow() {
        return redBelow;
    }

    /** Scores above this are green. */
    public double greenAbove() {
        return greenAbove;
    }

    /** Positions of the features the score reads, resolved once per schema. */
    public record Inputs(int seatUtilisation, int hasSeats, int activeUsers30, int activeUsers90, int loginsTrend,
                         int openTickets, int escalated90, int highUrgent90, int satisfaction, int hasSatisfaction,
                         int nps, int hasNps, int csat, int hasCsat, int daysSinceTouch, int hasTouch) {

        public static Inputs of(FeatureSchema s) {
            return new Inputs(s.indexOf("seat_utilisation_30d"), s.indexOf("has_licensed_seats"),
                    s.indexOf("active_users_30d"), s.indexOf("active_users_90d"), s.indexOf("logins_trend"),
                    s.indexOf("open_tickets"), s.indexOf("escalated_tickets_90d"), s.indexOf("high_urgent_tickets_90d"),
                    s.indexOf("mean_satisfaction_90d"), s.indexOf("has_satisfaction"), s.indexOf("nps_mean_90d"),
                    s.indexOf("has_nps"), s.indexOf("csat_mean_90d"), s.indexOf("has_csat"),
                    s.indexOf("days_since_last_touchpoint"), s.indexOf("has_touchpoint"));
        }
    }

    /** The score of one feature vector, 0-100. */
    public double score(double[] f, Inputs in) {
        return score(f, 0, in);
    }

    /** The score of the vector that starts at {@code offset} in {@code f}. */
    public double score(double[] f, int offset, Inputs in) {
        double utilisation;
        if (f[offset + in.hasSeats()] > 0) {
            utilisation = Math.min(1, f[offset + in.seatUtilisation()] / 0.8);
        } else {
            double au90 = f[offset + in.activeUsers90()];
            utilisation = au90 > 0 ? Math.min(1, f[offset + in.activeUsers30()] / au90) : 0;
        }
        double usage = 100 * (0.6 * utilisation + 0.4 * (f[offset + in.loginsTrend()] + 1) / 2);

        double support = 100 - 10 * f[offset + in.openTickets()] - 20 * f[offset + in.escalated90()]
                - 5 * f[offset + in.highUrgent90()];
        if (f[offset + in.hasSatisfaction()] > 0) {
            support -= 20 * Math.max(0, 4 - f[offset + in.satisfaction()]);
        }
        support = clamp(support);

        double sentiment;
        boolean hasNps = f[offset + in.hasNps()] > 0;
        boolean hasCsat = f[offset + in.hasCsat()] > 0;
        if (hasNps && hasCsat) {
            sentiment = (f[offset + in.nps()] * 10 + (f[offset + in.csat()] - 1) * 25) / 2;
        } else if (hasNps) {
            sentiment = f[offset + in.nps()] * 10;
        } else if (hasCsat) {
            sentiment = (f[offset + in.csat()] - 1) * 25;
        } else {
            sentiment = 50;
        }

        double engagement = f[offset + in.hasTouch()] > 0
                ? 100 * Math.max(0, Math.min(1, (120 - f[offset + in.daysSinceTouch()]) / 90)) : 0;

        return clamp(usageWeight * usage + supportWeight * support + sentimentWeight * clamp(sentiment)
                + engagementWeight * engagement);
    }

    public RiskBand band(double score) {
        return score < redBelow ? RiskBand.RED : score > greenAbove ? RiskBand.GREEN : RiskBand.YELLOW;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(100, v));
    }
}
