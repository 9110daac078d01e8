package org.churnrisk.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.churnrisk.core.InvalidArgumentException;
import org.churnrisk.core.contract.Tier;
import org.churnrisk.features.Feature;
import org.junit.jupiter.api.Test;

class PlayRulesTest {
    private static final double[] NOTHING = new double[Feature.values().length];

    private static Driver driver(DriverGroup group) {
        return new Driver(group, "a phrase", 0.5, group.features().get(0), 1, 0);
    }

    private static String play(String band, Tier tier, int daysToRenewal, DriverGroup... drivers) {
        return PlayRules.DEFAULT.play(band, tier, daysToRenewal, List.of(drivers).stream().map(PlayRulesTest::driver)
                .toList(), NOTHING, 0);
    }

    @Test
    void aRedEnterpriseAccountRenewingWithin120DaysIsEscalatedToExecutives() {
        assertThat(play("red", Tier.ENTERPRISE, 100, DriverGroup.LOGINS)).startsWith("Executive escalation");
    }

    @Test
    void aRedEnterpriseAccountRenewingLaterIsNotEscalated() {
        assertThat(play("red", Tier.ENTERPRISE, 200, DriverGroup.LOGINS)).startsWith("Re-engagement");
    }

    @Test
    void anUnknownRenewalDateIsNotWithinAnyDays() {
        assertThat(play("red", Tier.ENTERPRISE, -1)).startsWith("CSM check-in");
    }

    @Test
    void aStalledOnboardingGetsASuccessPlanReset() {
        double[] seen = Vectors.zeros().set(Feature.HAS_ONBOARDING, 1).get();

        assertThat(PlayRules.DEFAULT.play("yellow", Tier.GROWTH, 300, List.of(driver(DriverGroup.ACCOUNT_SIZE),
                driver(DriverGroup.ONBOARDING)), seen, 0)).startsWith("Success-plan reset");
    }

    @Test
    void anOnboardingTheDataDoesNotCoverGetsNoSuccessPlanReset() {
        assertThat(play("yellow", Tier.GROWTH, 300, DriverGroup.ONBOARDING)).startsWith("Watch");
    }

    @Test
    void lowAdoptionGetsATrainingSession() {
        assertThat(play("red", Tier.STARTER, 300, DriverGroup.CORE_ADOPTION)).startsWith("Training session");
    }

    @Test
    void anUnscoredAccountGetsADataCheck() {
        assertThat(play("unscored", Tier.STARTER, 10)).startsWith("Data check");
    }

    @Test
    void aGreenAccountKeepsTheUsualCadence() {
        assertThat(play("green", Tier.STARTER, 10, DriverGroup.ONBOARDING)).isEqualTo("Keep the usual cadence");
    }

    @Test
    void theFirstRuleThatAppliesWins() {
        PlayRules rules = new PlayRules(List.of(PlayRule.of("first", "red"), PlayRule.of("second", "red")));

        assertThat(rules.play("red", Tier.STARTER, -1, List.of(), NOTHING, 0)).isEqualTo("first");
    }

    @Test
    void anAccountNoRuleAppliesToGetsNoPlay() {
        PlayRules rules = new PlayRules(List.of(PlayRule.of("only red", "red")));

        assertThat(rules.play("green", Tier.STARTER, -1, List.of(), NOTHING, 0)).isEmpty();
    }

    @Test
    void featureConditionsReadTheAccountsValues() {
        PlayRule rule = PlayRule.of("seats").withFeatures(
                PlayRule.FeatureCondition.below(Feature.SEAT_UTILISATION_30D, 0.5),
                PlayRule.FeatureCondition.atLeast(Feature.HAS_LICENSED_SEATS, 1));
        double[] low = Vectors.zeros().set(Feature.SEAT_UTILISATION_30D, 0.2).set(Feature.HAS_LICENSED_SEATS, 1).get();
        double[] unknown = Vectors.zeros().set(Feature.SEAT_UTILISATION_30D, 0).get();

        assertThat(rule.matches("red", Tier.STARTER, -1, List.of(), low, 0)).isTrue();
        assertThat(rule.matches("red", Tier.STARTER, -1, List.of(), unknown, 0)).isFalse();
    }

    @Test
    void anUnknownBandIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> PlayRule.of("x", "amber")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'amber'").hasMessageContaining("red, yellow, green, unscored");
    }

    @Test
    void anEmptyTableIsRefused() {
        assertThatThrownBy(() -> new PlayRules(List.of())).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("default table");
    }
}
