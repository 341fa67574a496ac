package org.huren.domain.iqc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Westgard rules, their codes and actions, the default multirule and the sigma rules (DOMAIN.md §4). */
class RuleSetTest {

    @ParameterizedTest(name = "{0} = {1}, {2}")
    @CsvSource({
            "R_1_2S,    1-2s,    WARNING",
            "R_1_3S,    1-3s,    REJECT",
            "R_2_2S,    2-2s,    REJECT",
            "R_R_4S,    R-4s,    REJECT",
            "R_2OF3_2S, 2of3-2s, REJECT",
            "R_3_1S,    3-1s,    REJECT",
            "R_4_1S,    4-1s,    REJECT",
            "R_6_X,     6-x,     REJECT",
            "R_8_X,     8-x,     REJECT",
            "R_10_X,    10-x,    REJECT",
            "R_12_X,    12-x,    REJECT"})
    void everyRuleHasItsCodeAndAction(WestgardRule rule, String code, RuleAction action) {
        assertThat(rule.code()).isEqualTo(code);
        assertThat(rule.action()).isEqualTo(action);
        assertThat(WestgardRule.fromCode(code)).isEqualTo(rule);
        assertThat(WestgardRule.fromCode(code.toUpperCase())).isEqualTo(rule);
    }

    @Test
    void anUnknownCodeIsRefused() {
        assertThatThrownBy(() -> WestgardRule.fromCode("9-x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9-x");
    }

    @Test
    void theDefaultIs12sWarningWith13s22sR4s41s10xReject() {
        assertThat(RuleSet.DEFAULT.rules()).containsExactly(WestgardRule.R_1_2S, WestgardRule.R_1_3S,
                WestgardRule.R_2_2S, WestgardRule.R_R_4S, WestgardRule.R_4_1S, WestgardRule.R_10_X);
        assertThat(RuleSet.DEFAULT.describe()).isEqualTo("1-2s/1-3s/2-2s/R-4s/4-1s/10-x");
        assertThat(RuleSet.parse(RuleSet.DEFAULT.describe())).isEqualTo(RuleSet.DEFAULT);
    }

    @Test
    void aRuleSetIsOrderedImmutableAndNotEmpty() {
        RuleSet rules = RuleSet.of(WestgardRule.R_10_X, WestgardRule.R_1_3S);
        assertThat(rules.rules()).containsExactly(WestgardRule.R_1_3S, WestgardRule.R_10_X);
        assertThatThrownBy(() -> rules.rules().add(WestgardRule.R_1_2S))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new RuleSet(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "σ {0} -> {1}")
    @CsvSource({
            "12,    1-3s",
            "6.00,  1-3s",
            "6,     1-3s",
            "5.99,  1-3s/2-2s/R-4s",
            "5.00,  1-3s/2-2s/R-4s",
            "4.99,  1-3s/2-2s/R-4s/4-1s",
            "4.00,  1-3s/2-2s/R-4s/4-1s",
            "3.99,  1-3s/2-2s/R-4s/4-1s/8-x",
            "2.67,  1-3s/2-2s/R-4s/4-1s/8-x",
            "0,     1-3s/2-2s/R-4s/4-1s/8-x",
            "-1.50, 1-3s/2-2s/R-4s/4-1s/8-x"})
    void sigmaRulesFollowDomainLiterally(BigDecimal sigma, String rules) {
        assertThat(RuleSet.suggestFor(sigma).describe()).isEqualTo(rules);
    }

    @Test
    void sigmaRulesBelowFourAdd8xNot10x() {
        RuleSet below4 = RuleSet.suggestFor(new BigDecimal("3.5"));
        assertThat(below4.contains(WestgardRule.R_8_X)).isTrue();
        assertThat(below4.contains(WestgardRule.R_10_X)).isFalse();
        assertThat(below4.contains(WestgardRule.R_1_2S)).isFalse();
    }

    @Test
    void theSigmaWorkedExampleGivesThe4SigmaSet() {
        BigDecimal sigma = SigmaMetric.sigma(new BigDecimal("10"), new BigDecimal("2"), new BigDecimal("2"));
        assertThat(RuleSet.suggestFor(sigma).describe()).isEqualTo("1-3s/2-2s/R-4s/4-1s");
    }
}
