package org.churnrisk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.churnrisk.core.InvalidDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageEventTest {

    private static final Instant AT = Instant.parse("2025-03-04T00:00:00Z");

    @Test
    void shortConstructorUsesDefaultQuantityAndErrors() {
        UsageEvent e = new UsageEvent("A-1", AT, "u-1", "export");

        assertThat(e.quantity()).isEqualTo(1);
        assertThat(e.errors()).isZero();
    }

    @Test
    void acceptsZeroQuantity() {
        assertThat(new UsageEvent("A-1", AT, null, "export", 0, 0).quantity()).isZero();
    }

    @Test
    void rejectsNegativeQuantity() {
        assertThatThrownBy(() -> new UsageEvent("A-1", AT, null, "export", -2, 0))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("quantity: value -2 is negative (expected a whole number >= 0)");
    }

    @Test
    void rejectsNegativeErrors() {
        assertThatThrownBy(() -> new UsageEvent("A-1", AT, null, "export", 1, -1))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("errors: value -1 is negative (expected a whole number >= 0)");
    }

    @Test
    void rejectsBlankAccountId() {
        assertThatThrownBy(() -> new UsageEvent(" ", AT, null, "login"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("account_id: is required but blank");
    }

    @Test
    void rejectsMissingOccurredAt() {
        assertThatThrownBy(() -> new UsageEvent("A-1", null, null, "login"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("occurred_at: is required but missing");
    }

    @Test
    void rejectsBlankEvent() {
        assertThatThrownBy(() -> new UsageEvent("A-1", AT, null, ""))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("event: is required but blank");
    }

    @Test
    void readsBlankUserIdAsAbsent() {
        assertThat(new UsageEvent("A-1", AT, " ", "login").userId()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"login", "Login", " LOGIN "})
    void loginInAnyCaseIsALogin(String event) {
        assertThat(new UsageEvent("A-1", AT, null, event).isLogin()).isTrue();
    }

    @Test
    void aFeatureNameIsNotALogin() {
        assertThat(new UsageEvent("A-1", AT, null, "login_sso_setup").isLogin()).isFalse();
    }
}
