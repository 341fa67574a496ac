package org.huren.domain.iqc;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configured Westgard rules (质控规则组合) of one lab × item. Iteration order is {@link WestgardRule} order.
 *
 * @param rules at least one rule
 */
public record RuleSet(Set<WestgardRule> rules) {

    private static final BigDecimal SIX = BigDecimal.valueOf(6);
    private static final BigDecimal FIVE = BigDecimal.valueOf(5);
    private static final BigDecimal FOUR = BigDecimal.valueOf(4);

    /** The default multirule (Westgard 多规则): 1-2s warning; 1-3s, 2-2s, R-4s, 4-1s, 10-x reject. */
    public static final RuleSet DEFAULT = of(WestgardRule.R_1_2S, WestgardRule.R_1_3S, WestgardRule.R_2_2S,
            WestgardRule.R_R_4S, WestgardRule.R_4_1S, WestgardRule.R_10_X);

    public RuleSet {
        Objects.requireNonNull(rules, "rules");
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a rule set needs at least one rule");
        }
        rules = Collections.unmodifiableSet(EnumSet.copyOf(rules));
    }

    public static RuleSet of(WestgardRule... rules) {
        return new RuleSet(Set.copyOf(Arrays.asList(rules)));
    }

    /** Parses {@link #describe()}'s form, e.g. {@code "1-3s/2-2s/R-4s"}. */
    public static RuleSet parse(String codes) {
        Objects.requireNonNull(codes, "codes");
        return new RuleSet(Arrays.stream(codes.split("/")).map(WestgardRule::fromCode).collect(Collectors.toSet()));
    }

    public boolean contains(WestgardRule rule) {
        return rules.contains(rule);
    }

    /** The codes joined by "/", in rule order, e.g. {@code "1-2s/1-3s/2-2s/R-4s/4-1s/10-x"}; to store with a run. */
    public String describe() {
        return rules.stream().map(WestgardRule::code).collect(Collectors.joining("/"));
    }

    /**
     * The rule set suggested by the sigma metric (σ 度量, Westgard "sigma rules"), read literally from DOMAIN.md
     * §4 ("≥6σ 1-3s with 2 controls; 5σ 1-3s/2-2s/R-4s; 4σ add 4-1s; &lt;4σ add 8-x and more controls"):
     * <ul>
     * <li>σ ≥ 6: 1-3s</li>
     * <li>5 ≤ σ &lt; 6: 1-3s, 2-2s, R-4s</li>
     * <li>4 ≤ σ &lt; 5: 1-3s, 2-2s, R-4s, 4-1s</li>
     * <li>σ &lt; 4 (including negative σ, bias beyond TEa): 1-3s, 2-2s, R-4s, 4-1s, 8-x</li>
     * </ul>
     * Each band includes its lower bound (5.00 is a 5σ method). The sigma rules carry no 1-2s warning, and
     * below 4σ DOMAIN.md adds 8-x, not 10-x (8-x is the stricter mean rule; 10-x is not added as well). "More
     * controls" (more control measurements per run) is advice on the design, not a rule, and is not expressed
     * here.
     */
    public static RuleSet suggestFor(BigDecimal sigma) {
        Objects.requireNonNull(sigma, "sigma");
        if (sigma.compareTo(SIX) >= 0) {
            return of(WestgardRule.R_1_3S);
        }
        if (sigma.compareTo(FIVE) >= 0) {
            return of(WestgardRule.R_1_3S, WestgardRule.R_2_2S, WestgardRule.R_R_4S);
        }
        if (sigma.compareTo(FOUR) >= 0) {
            return of(WestgardRule.R_1_3S, WestgardRule.R_2_2S, WestgardRule.R_R_4S, WestgardRule.R_4_1S);
        }
        return of(WestgardRule.R_1_3S, WestgardRule.R_2_2S, WestgardRule.R_R_4S, WestgardRule.R_4_1S,
                WestgardRule.R_8_X);
    }
}
