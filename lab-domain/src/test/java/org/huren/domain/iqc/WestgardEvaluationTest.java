package org.huren.domain.iqc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.huren.domain.iqc.IqcFixtures.TARGETS;
import static org.huren.domain.iqc.IqcFixtures.run;
import static org.huren.domain.iqc.IqcFixtures.runs;

/**
 * Westgard multirule (室内质控, DOMAIN.md §4). Runs are written as z-scores ("L1,L2[,L3]"), history oldest first
 * separated by ";"; the current run comes last. Rules: DEFAULT (1-2s warning; 1-3s, 2-2s, R-4s, 4-1s, 10-x),
 * ALL, or codes joined by "/" for a rule alone.
 */
class WestgardEvaluationTest {

    private static final RuleSet ALL = new RuleSet(EnumSet.allOf(WestgardRule.class));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # case                                              | history                                     | current         | rules   | fired                | status
            all within 2 SD                                      | 0.5,-0.5                                    | 1.9,-1.9        | DEFAULT | -                    | ACCEPTED
            # 1-2s: strictly beyond ±2 SD
            z exactly +2.000 is not beyond 2 SD                  | -                                           | 2.000,0.5       | DEFAULT | -                    | ACCEPTED
            z exactly -2.000 is not beyond 2 SD                  | -                                           | -2.000,0.5      | DEFAULT | -                    | ACCEPTED
            z +2.0001 trips 1-2s                                 | -                                           | 2.0001,0.5      | DEFAULT | 1-2s                 | WARNING
            z -2.0001 trips 1-2s                                 | -                                           | 0.5,-2.0001     | DEFAULT | 1-2s                 | WARNING
            # 1-3s: strictly beyond ±3 SD
            z exactly +3.000 is only a 1-2s warning              | -                                           | 3.000,0.5       | DEFAULT | 1-2s                 | WARNING
            z exactly -3.000 is only a 1-2s warning              | -                                           | -3.000,0.5      | DEFAULT | 1-2s                 | WARNING
            z +3.0001 trips 1-3s                                 | -                                           | 3.0001,0.5      | DEFAULT | 1-2s/1-3s            | REJECTED
            z -3.0001 trips 1-3s                                 | -                                           | 0.5,-3.0001     | DEFAULT | 1-2s/1-3s            | REJECTED
            1-3s alone                                           | -                                           | 3.0001,0.5      | 1-3s    | 1-3s                 | REJECTED
            # 2-2s
            2-2s within a run across two levels, high            | -                                           | 2.1,2.2         | DEFAULT | 1-2s/2-2s            | REJECTED
            2-2s within a run across two levels, low             | -                                           | -2.1,-2.2       | DEFAULT | 1-2s/2-2s            | REJECTED
            2-2s one level across two runs                       | 2.1,0.3                                     | 2.3,0.1         | DEFAULT | 1-2s/2-2s            | REJECTED
            2-2s other level across two runs, low                | 0.3,-2.5                                    | 0.1,-2.1        | DEFAULT | 1-2s/2-2s            | REJECTED
            2-2s alone                                           | 2.1,0.3                                     | 2.3,0.1         | 2-2s    | 2-2s                 | REJECTED
            2-2s needs both beyond: +2.000 then +2.1             | 2.000,0.3                                   | 2.1,0.1         | DEFAULT | 1-2s                 | WARNING
            2-2s within run needs both beyond: +2.1 and +2.000   | -                                           | 2.1,2.000       | DEFAULT | 1-2s                 | WARNING
            2-2s not across levels of different runs             | 0.3,2.1                                     | 2.3,0.1         | 2-2s    | -                    | ACCEPTED
            +2.1 and -2.1 in a run is R-4s, not 2-2s             | -                                           | 2.1,-2.1        | DEFAULT | 1-2s/R-4s            | REJECTED
            +2.1 then -2.1 in one level is neither               | 2.1,0.3                                     | -2.1,0.1        | DEFAULT | 1-2s                 | WARNING
            # R-4s: within one run, across levels only
            R-4s alone                                           | -                                           | 2.5,-2.5        | R-4s    | R-4s                 | REJECTED
            R-4s needs both beyond: +2.5 and -2.000              | -                                           | 2.5,-2.000      | R-4s    | -                    | ACCEPTED
            R-4s is not a range rule: +2.5 and -1.6              | -                                           | 2.5,-1.6        | DEFAULT | 1-2s                 | WARNING
            R-4s never across runs, same level                   | 2.5,0.3                                     | -2.5,0.1        | R-4s    | -                    | ACCEPTED
            R-4s never across runs, other level                  | 0.3,2.5                                     | -2.5,0.1        | R-4s    | -                    | ACCEPTED
            # 4-1s
            4-1s one level over four runs                        | 1.1,0.2; 1.2,-0.3; 1.5,0.2                  | 1.3,-0.1        | DEFAULT | 4-1s                 | REJECTED
            4-1s one level over four runs, low                   | 0.2,-1.1; 0.3,-1.9; -0.2,-1.5               | 0.1,-1.3        | DEFAULT | 4-1s                 | REJECTED
            4-1s two levels x two runs                           | 1.1,1.2                                     | 1.3,1.4         | DEFAULT | 4-1s                 | REJECTED
            4-1s alone                                           | 1.1,1.2                                     | 1.3,1.4         | 4-1s    | 4-1s                 | REJECTED
            4-1s needs the same side: 2 x 2 mixed                | 1.1,-1.2                                    | 1.3,-1.4        | DEFAULT | -                    | ACCEPTED
            4-1s needs beyond: one value exactly +1.000          | 1.1,0.2; 1.000,-0.3; 1.5,0.2                | 1.3,-0.1        | DEFAULT | -                    | ACCEPTED
            4-1s 2 x 2 needs beyond: one value exactly +1.000    | 1.1,1.000                                   | 1.3,1.4         | DEFAULT | -                    | ACCEPTED
            4-1s needs four values: three runs are too few       | 1.1,0.2; 1.2,-0.3                           | 1.3,-0.1        | DEFAULT | -                    | ACCEPTED
            4-1s needs two runs for 2 x 2: one run is too few    | -                                           | 1.3,1.4         | DEFAULT | -                    | ACCEPTED
            # 10-x: across runs and levels, by run time then level
            10-x exactly ten values on the same side             | 0.5,0.3; 0.2,0.4; 0.1,0.6; 0.7,0.2          | 0.3,0.4         | DEFAULT | 10-x                 | REJECTED
            10-x only nine values on the same side               | -0.5,0.3; 0.2,0.4; 0.1,0.6; 0.7,0.2         | 0.3,0.4         | DEFAULT | -                    | ACCEPTED
            10-x below the mean                                  | -0.5,-0.3; -0.2,-0.4; -0.1,-0.6; -0.7,-0.2  | -0.3,-0.4       | DEFAULT | 10-x                 | REJECTED
            10-x ending at L1 of the current run                 | -0.5,0.5; 0.1,0.3; 0.2,0.4; 0.1,0.6; 0.7,0.2 | 0.3,-0.4       | DEFAULT | 10-x                 | REJECTED
            10-x a value exactly on the mean breaks the streak   | 0.5,0.5; 0.000,0.3; 0.2,0.4; 0.1,0.6; 0.7,0.2 | 0.3,0.4      | DEFAULT | -                    | ACCEPTED
            10-x longer streak through the current run           | 0.5,0.5; 0.1,0.3; 0.2,0.4; 0.1,0.6; 0.7,0.2 | 0.3,0.4         | DEFAULT | 10-x                 | REJECTED
            10-x one level only, ten runs                        | 0.1; 0.2; 0.3; 0.4; 0.5; 0.6; 0.7; 0.8; 0.9  | 0.1            | 10-x    | 10-x                 | REJECTED
            10-x one level only, nine runs                       | 0.1; 0.2; 0.3; 0.4; 0.5; 0.6; 0.7; 0.8       | 0.1            | 10-x    | -                    | ACCEPTED
            # the first run, or a run with one level: windows too short
            first run 1.5,1.5 trips nothing                      | -                                           | 1.5,1.5         | ALL     | -                    | ACCEPTED
            one level beyond 2 SD: no cross-level rule           | -                                           | 2.5             | ALL     | 1-2s                 | WARNING
            # old violations are not reported again
            old 1-3s                                             | 3.5,0.2                                     | 0.5,0.2         | DEFAULT | -                    | ACCEPTED
            old 1-2s                                             | 2.5,0.2                                     | 0.5,-0.2        | DEFAULT | -                    | ACCEPTED
            old 2-2s within a run                                | 2.1,2.2                                     | 0.5,-0.2        | DEFAULT | -                    | ACCEPTED
            old 2-2s across runs                                 | 2.1,0.2; 2.2,-0.2                           | 0.5,-0.2        | DEFAULT | -                    | ACCEPTED
            old R-4s                                             | 2.5,-2.5                                    | 0.5,-0.2        | DEFAULT | -                    | ACCEPTED
            old 4-1s                                             | 1.1,0.2; 1.2,-0.3; 1.5,0.2; 1.3,-0.1        | 0.5,-0.2        | DEFAULT | -                    | ACCEPTED
            old 10-x                                             | 0.5,0.3; 0.2,0.4; 0.1,0.6; 0.7,0.2; 0.3,0.4 | -0.5,-0.2       | DEFAULT | -                    | ACCEPTED
            # design-dependent rules (3 levels or other N)
            2of3-2s within a run of three levels                 | -                                           | 2.1,2.2,0.5     | 2of3-2s | 2of3-2s              | REJECTED
            2of3-2s within a run needs three levels              | -                                           | 2.1,2.2         | 2of3-2s | -                    | ACCEPTED
            2of3-2s one level over three runs                    | 2.1,0,0; 0.5,0,0                            | 2.3,0,0         | 2of3-2s | 2of3-2s              | REJECTED
            2of3-2s the current value must be one of the two     | 2.1,0,0; 2.3,0,0                            | 0.5,0,0         | 2of3-2s | -                    | ACCEPTED
            2of3-2s one level needs three values                 | 2.1,0,0                                     | 2.3,0,0         | 2of3-2s | -                    | ACCEPTED
            3-1s within a run of three levels                    | -                                           | 1.1,1.2,1.3     | 3-1s    | 3-1s                 | REJECTED
            3-1s one level over three runs                       | 1.1,0,0; 1.2,0,0                            | 1.3,0,0         | 3-1s    | 3-1s                 | REJECTED
            3-1s needs three levels or three runs                | 1.2,0,0                                     | 1.3,1.2         | 3-1s    | -                    | ACCEPTED
            6-x two runs x three levels                          | 0.1,0.2,0.3                                 | 0.4,0.5,0.6     | 6-x     | 6-x                  | REJECTED
            6-x only five on the same side                       | -0.1,0.2,0.3                                | 0.4,0.5,0.6     | 6-x     | -                    | ACCEPTED
            8-x four runs x two levels                           | 0.1,0.2; 0.3,0.4; 0.5,0.6                   | 0.7,0.8         | 8-x     | 8-x                  | REJECTED
            8-x only seven on the same side                      | 0.1,-0.2; 0.3,0.4; 0.5,0.6                  | 0.7,0.8         | 8-x     | -                    | ACCEPTED
            12-x four runs x three levels                        | -0.1,-0.2,-0.3; -0.4,-0.5,-0.6; -0.7,-0.8,-0.9 | -0.1,-0.2,-0.3 | 12-x | 12-x                 | REJECTED
            12-x only eleven on the same side                    | 0.1,-0.2,-0.3; -0.4,-0.5,-0.6; -0.7,-0.8,-0.9 | -0.1,-0.2,-0.3 | 12-x | -                    | ACCEPTED
            # every rule at once
            # 2-2s and 2of3-2s within the run (L1, L2), R-4s (L1/L2 against L3), 4-1s as 2 x 2 (L1, L2 over two runs)
            all rules: 3 levels at once                          | 1.1,1.2,1.3                                 | 2.1,2.2,-2.5    | ALL     | 1-2s/2-2s/R-4s/2of3-2s/4-1s | REJECTED
            """)
    void evaluatesTheCurrentRun(String name, String history, String current, String rules, String fired,
                                RunStatus status) {
        List<ControlRun> previous = runs(history, 0);
        ControlRun currentRun = runs(current, previous.size()).get(0);

        RunEvaluation evaluation = WestgardEvaluation.evaluate(currentRun, previous, TARGETS, ruleSet(rules));

        assertThat(evaluation.runId()).isEqualTo(currentRun.runId());
        assertThat(evaluation.firedRules()).as(name).isEqualTo(rules(fired));
        assertThat(evaluation.violations()).extracting(RuleViolation::rule)
                .as("one violation per rule, in rule order").containsExactlyElementsOf(rules(fired));
        assertThat(evaluation.status()).as(name).isEqualTo(status);
    }

    private static RuleSet ruleSet(String rules) {
        return switch (rules) {
            case "DEFAULT" -> RuleSet.DEFAULT;
            case "ALL" -> ALL;
            default -> RuleSet.parse(rules);
        };
    }

    private static Set<WestgardRule> rules(String codes) {
        Set<WestgardRule> rules = EnumSet.noneOf(WestgardRule.class);
        if (codes != null) {
            Arrays.stream(codes.split("/")).map(WestgardRule::fromCode).forEach(rules::add);
        }
        return rules;
    }

    // --- decimal, not double --------------------------------------------------------------------------------

    @Test
    void theFloatTrapZExactlyThreeStaysThreeAndDoesNotTrip13s() {
        ControlTarget target = new ControlTarget("L1", new BigDecimal("0.30"), new BigDecimal("0.01"));
        BigDecimal value = new BigDecimal("0.33");
        double floatZ = (0.33 - 0.30) / 0.01;
        assertThat(floatZ).as("the trap is real in double").isEqualTo(3.0000000000000027).isGreaterThan(3.0);

        assertThat(ZScore.of(value, target).z()).isEqualByComparingTo("3");
        assertThat(ZScore.of(value, target).isBeyond(3)).isFalse();

        RunEvaluation evaluation = WestgardEvaluation.evaluate(
                new ControlRun("R1", IqcFixtures.T0, List.of(new ControlResult("L1", value))), List.of(),
                Map.of("L1", target), RuleSet.DEFAULT);
        assertThat(evaluation.firedRules()).containsExactly(WestgardRule.R_1_2S);
        assertThat(evaluation.status()).isEqualTo(RunStatus.WARNING);
    }

    @Test
    void theFloatTrapZExactlyTwoDoesNotTrip12s() {
        ControlTarget target = new ControlTarget("L1", new BigDecimal("0.30"), new BigDecimal("0.01"));
        BigDecimal value = new BigDecimal("0.32");
        assertThat((0.32 - 0.30) / 0.01).as("the trap is real in double").isGreaterThan(2.0);

        RunEvaluation evaluation = WestgardEvaluation.evaluate(
                new ControlRun("R1", IqcFixtures.T0, List.of(new ControlResult("L1", value))), List.of(),
                Map.of("L1", target), RuleSet.DEFAULT);
        assertThat(evaluation.status()).isEqualTo(RunStatus.ACCEPTED);
        assertThat(evaluation.violations()).isEmpty();
    }

    @Test
    void meanPoint3SdPoint1ValuePoint6IsExactlyThree() {
        // the other way round in double: (0.6 - 0.3) / 0.1 = 2.9999999999999996
        ControlTarget target = new ControlTarget("L1", new BigDecimal("0.3"), new BigDecimal("0.1"));
        assertThat(ZScore.of(new BigDecimal("0.6"), target).z()).isEqualByComparingTo("3");
        assertThat(ZScore.of(new BigDecimal("0.6"), target).isBeyond(3)).isFalse();
        assertThat(ZScore.of(new BigDecimal("0.6"), target).isBeyond(2)).isTrue();
    }

    @Test
    void limitsAreComparedExactlyEvenWhereTheRoundedZLooksLikeTheLimit() {
        // (6.000000000000000003 - 0) / 3 = 2.000000000000000001, which DECIMAL64 rounds to 2
        ControlTarget target = new ControlTarget("L1", BigDecimal.ZERO, new BigDecimal("3"));
        BigDecimal value = new BigDecimal("6.000000000000000003");
        assertThat(ZScore.of(value, target).z()).isEqualByComparingTo("2");

        RunEvaluation evaluation = WestgardEvaluation.evaluate(
                new ControlRun("R1", IqcFixtures.T0, List.of(new ControlResult("L1", value))), List.of(),
                Map.of("L1", target), RuleSet.DEFAULT);
        assertThat(evaluation.firedRules()).containsExactly(WestgardRule.R_1_2S);
    }

    // --- the points of a violation ---------------------------------------------------------------------------

    @Test
    void a22sAcrossRunsNamesBothValues() {
        RunEvaluation evaluation = WestgardEvaluation.evaluate(run(1, "2.3", "0.1"), List.of(run(0, "2.1", "0.3")),
                TARGETS, RuleSet.of(WestgardRule.R_2_2S));
        assertPoints(evaluation.violation(WestgardRule.R_2_2S).orElseThrow().points(),
                ref("R1", "L1", "2.1"), ref("R2", "L1", "2.3"));
    }

    @Test
    void anR4sNamesTheHighAndTheLowLevel() {
        RunEvaluation evaluation = WestgardEvaluation.evaluate(run(0, "2.5", "0.3", "-2.1"), List.of(), TARGETS,
                RuleSet.DEFAULT);
        assertPoints(evaluation.violation(WestgardRule.R_R_4S).orElseThrow().points(),
                ref("R1", "L1", "2.5"), ref("R1", "L3", "-2.1"));
    }

    @Test
    void a41sOverTwoLevelsAndTwoRunsNamesTheBlock() {
        RunEvaluation evaluation = WestgardEvaluation.evaluate(run(1, "-1.3", "-1.4"), List.of(run(0, "-1.1", "-1.2")),
                TARGETS, RuleSet.DEFAULT);
        assertPoints(evaluation.violation(WestgardRule.R_4_1S).orElseThrow().points(),
                ref("R1", "L1", "-1.1"), ref("R1", "L2", "-1.2"), ref("R2", "L1", "-1.3"), ref("R2", "L2", "-1.4"));
    }

    @Test
    void a10xWindowEndingInsideTheCurrentRunStartsInTheMiddleOfAnOldRun() {
        List<ControlRun> previous = runs("-0.5,0.5; 0.1,0.3; 0.2,0.4; 0.1,0.6; 0.7,0.2", 0);
        RunEvaluation evaluation = WestgardEvaluation.evaluate(run(5, "0.3", "-0.4"), previous, TARGETS,
                RuleSet.DEFAULT);
        List<PointRef> points = evaluation.violation(WestgardRule.R_10_X).orElseThrow().points();
        assertPoints(points, ref("R1", "L2", "0.5"), ref("R2", "L1", "0.1"), ref("R2", "L2", "0.3"),
                ref("R3", "L1", "0.2"), ref("R3", "L2", "0.4"), ref("R4", "L1", "0.1"), ref("R4", "L2", "0.6"),
                ref("R5", "L1", "0.7"), ref("R5", "L2", "0.2"), ref("R6", "L1", "0.3"));
    }

    @Test
    void a10xStreakLongerThanTenNamesEveryWindowThatInvolvesTheCurrentRun() {
        // 12 values above the mean; the windows ending at R6/L1 and R6/L2 cover the last 11
        List<ControlRun> previous = runs("0.5,0.5; 0.1,0.3; 0.2,0.4; 0.1,0.6; 0.7,0.2", 0);
        RunEvaluation evaluation = WestgardEvaluation.evaluate(run(5, "0.3", "0.4"), previous, TARGETS,
                RuleSet.of(WestgardRule.R_10_X));
        List<PointRef> points = evaluation.violation(WestgardRule.R_10_X).orElseThrow().points();
        assertThat(points).hasSize(11);
        assertPoints(points.subList(0, 1), ref("R1", "L2", "0.5"));
        assertPoints(points.subList(10, 11), ref("R6", "L2", "0.4"));
    }

    @Test
    void onlyTheConfiguredRulesAreEvaluated() {
        RunEvaluation evaluation = WestgardEvaluation.evaluate(run(0, "2.5", "0.1"), List.of(), TARGETS,
                RuleSet.of(WestgardRule.R_1_3S, WestgardRule.R_2_2S));
        assertThat(evaluation.status()).isEqualTo(RunStatus.ACCEPTED);
        assertThat(evaluation.violations()).isEmpty();
    }

    // --- status -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", value = {
            "-,              ACCEPTED",
            "1-2s,           WARNING",
            "1-3s,           REJECTED",
            "1-2s/1-3s,      REJECTED",
            "1-2s/10-x,      REJECTED",
            "4-1s,           REJECTED",
            "2of3-2s/R-4s,   REJECTED"})
    void statusIsRejectedOnAnyRejectRuleWarningOnlyOn12sElseAccepted(String fired, RunStatus status) {
        List<RuleViolation> violations = rules(fired).stream()
                .map(rule -> new RuleViolation(rule, List.of(ref("R1", "L1", "3.5")))).toList();
        assertThat(RunEvaluation.statusOf(violations)).isEqualTo(status);
    }

    // --- inputs -----------------------------------------------------------------------------------------------

    @Test
    void aLevelWithoutATargetIsRefused() {
        ControlRun current = new ControlRun("R1", IqcFixtures.T0,
                List.of(new ControlResult("L9", BigDecimal.ONE)));
        assertThatThrownBy(() -> WestgardEvaluation.evaluate(current, List.of(), TARGETS, RuleSet.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("L9");
    }

    @Test
    void previousRunsMustBeOldestFirstAndNotAfterTheCurrentRun() {
        assertThatThrownBy(() -> WestgardEvaluation.evaluate(run(2, "0", "0"), List.of(run(1, "0", "0"),
                run(0, "0", "0")), TARGETS, RuleSet.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("oldest first");
        assertThatThrownBy(() -> WestgardEvaluation.evaluate(run(0, "0", "0"), List.of(run(1, "0", "0")), TARGETS,
                RuleSet.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("oldest first");
    }

    @Test
    void aRunIdMayNotRepeat() {
        ControlRun again = new ControlRun("R1", IqcFixtures.T0.plusSeconds(60),
                List.of(new ControlResult("L1", BigDecimal.TEN)));
        assertThatThrownBy(() -> WestgardEvaluation.evaluate(again, List.of(run(0, "0")), TARGETS, RuleSet.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("R1");
    }

    @Test
    void aTargetMustBeFiledUnderItsOwnLevel() {
        Map<String, ControlTarget> wrong = Map.of("L1", new ControlTarget("L2", BigDecimal.ONE, BigDecimal.ONE));
        assertThatThrownBy(() -> WestgardEvaluation.evaluate(run(0, "0"), List.of(), wrong, RuleSet.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsOfTheSameInstantKeepTheirGivenOrder() {
        Instant at = IqcFixtures.T0;
        ControlRun first = new ControlRun("A", at, List.of(new ControlResult("L1", IqcFixtures.valueAtZ("2.5"))));
        ControlRun second = new ControlRun("B", at, List.of(new ControlResult("L1", IqcFixtures.valueAtZ("2.5"))));
        RunEvaluation evaluation = WestgardEvaluation.evaluate(second, List.of(first), TARGETS, RuleSet.DEFAULT);
        assertThat(evaluation.firedRules()).containsExactlyInAnyOrder(WestgardRule.R_1_2S, WestgardRule.R_2_2S);
    }

    private static PointRef ref(String runId, String level, String z) {
        return new PointRef(runId, level, new BigDecimal(z));
    }

    /** Points compared by run, level and the numeric value of z (scale-insensitive). */
    private static void assertPoints(List<PointRef> actual, PointRef... expected) {
        assertThat(actual).usingElementComparator(Comparator.comparing(PointRef::runId)
                        .thenComparing(PointRef::level).thenComparing(PointRef::z))
                .containsExactly(expected);
    }
}
