package org.huren.domain.iqc;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.huren.domain.common.ConflictingStateException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.domain.common.DomainRuleViolationMatcher.ruleViolation;

/** The IQC series workflow: lots and locked limits, evaluation on arrival, late runs, established targets. */
class IqcSeriesTest {

    static final String ID = "series-1";
    static final Instant DAY1 = Instant.parse("2026-10-01T00:00:00Z");

    FixtureConfiguration<IqcSeries> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IqcSeries.class);
    }

    static RegisterControlLot lot(String level, String lot, String mean, String sd) {
        return new RegisterControlLot(ID, "LAB", "K", level, "Bio-Rad Lyphochek", lot, null,
                mean == null ? null : new BigDecimal(mean), sd == null ? null : new BigDecimal(sd), "qc");
    }

    static RecordControlRun run(String id, int day, String l1, String l2) {
        List<ControlResult> results = new ArrayList<>();
        results.add(new ControlResult("L1", new BigDecimal(l1)));
        if (l2 != null) {
            results.add(new ControlResult("L2", new BigDecimal(l2)));
        }
        return new RecordControlRun(ID, "LAB", "K", id, DAY1.plus(Duration.ofDays(day)), results, "API");
    }

    static org.hamcrest.Matcher<Object> evaluated(String runId, RunStatus status, boolean reevaluation,
                                                  WestgardRule... fired) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof ControlRunEvaluated e && e.runId().equals(runId) && e.status() == status
                        && e.reevaluation() == reevaluation
                        && e.violations().stream().map(RuleViolation::rule).toList().containsAll(List.of(fired));
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText(runId + " " + status + (reevaluation ? " (re-evaluated)" : ""));
            }
        };
    }

    @Test
    void aLotsLimitsAreLockedAndANewLotGetsItsOwn() {
        fixture.givenCommands(lot("L1", "A1", "4.00", "0.10")).when(lot("L1", "A1", "4.10", "0.10"))
                .expectNoEvents().expectException(ConflictingStateException.class);
        fixture.givenCommands(lot("L1", "A1", "4.00", "0.10")).when(lot("L1", "A1", "4.00", "0.10"))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.givenCommands(lot("L1", "A1", "4.00", "0.10")).when(lot("L1", "A2", "4.20", "0.12"))
                .expectEvents(new ControlLotRegistered(ID, "LAB", "K", "L1", "Bio-Rad Lyphochek", "A2", null,
                        new BigDecimal("4.20"), new BigDecimal("0.12"), "qc"));
        fixture.givenNoPriorActivity().when(lot("L1", "A1", "4.00", "0"))
                .expectNoEvents().expectException(ruleViolation("invalid-sd", "sd"));
    }

    @Test
    void aRunIsEvaluatedOnArrivalAcrossItsLevels() {
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), lot("L2", "B", "6.00", "0.20"))
                .when(run("r1", 1, "4.05", "6.10"))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.instanceOf(ControlRunRecorded.class),
                        evaluated("r1", RunStatus.ACCEPTED, false), Matchers.andNoMore())));
        // both levels beyond +2 SD in one run: 2-2s across levels rejects it
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), lot("L2", "B", "6.00", "0.20"))
                .when(run("r1", 1, "4.25", "6.45"))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.instanceOf(ControlRunRecorded.class),
                        evaluated("r1", RunStatus.REJECTED, false, WestgardRule.R_2_2S), Matchers.andNoMore())));
    }

    @Test
    void aRunIsAnsweredWithItsEvaluationAndThePointsBehindEachRuleAlsoWhenSentAgain() {
        RuleViolation twoTwo = new RuleViolation(WestgardRule.R_2_2S, List.of(
                new PointRef("r1", "L1", new BigDecimal("2.5")), new PointRef("r1", "L2", new BigDecimal("2.25"))));
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), lot("L2", "B", "6.00", "0.20"))
                .when(run("r1", 1, "4.25", "6.45"))
                .expectResultMessagePayloadMatching(
                        evaluated("r1", RunStatus.REJECTED, false, WestgardRule.R_1_2S, WestgardRule.R_2_2S));
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), lot("L2", "B", "6.00", "0.20"))
                .when(run("r1", 1, "4.25", "6.45"))
                .expectResultMessagePayloadMatching(new org.hamcrest.TypeSafeMatcher<Object>() {
                    @Override
                    protected boolean matchesSafely(Object item) {
                        return item instanceof ControlRunEvaluated e && e.violations().stream()
                                .filter(v -> v.rule() == WestgardRule.R_2_2S).findFirst()
                                .map(v -> v.points().size() == 2 && v.points().get(0).level().equals("L1")
                                        && v.points().get(0).z().compareTo(twoTwo.points().get(0).z()) == 0
                                        && v.points().get(1).level().equals("L2")
                                        && v.points().get(1).z().compareTo(twoTwo.points().get(1).z()) == 0)
                                .orElse(false);
                    }

                    @Override
                    public void describeTo(org.hamcrest.Description description) {
                        description.appendText("2-2s on r1's L1 (z 2.5) and L2 (z 2.25)");
                    }
                });
        // a resend answers the evaluation as it stands
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), lot("L2", "B", "6.00", "0.20"),
                        run("r1", 1, "4.25", "6.45"))
                .when(run("r1", 1, "4.250", "6.450")).expectNoEvents()
                .expectResultMessagePayloadMatching(evaluated("r1", RunStatus.REJECTED, false, WestgardRule.R_2_2S));
        // a late run answers its own evaluation, not the ones it changed
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), run("r2", 2, "4.25", null))
                .when(run("r1", 1, "4.25", null))
                .expectResultMessagePayloadMatching(evaluated("r1", RunStatus.WARNING, false, WestgardRule.R_1_2S));
        // no targets yet: recorded, not evaluated
        fixture.givenCommands(lot("L1", "A", null, null)).when(run("r1", 1, "4.25", null))
                .expectResultMessagePayload(null);
    }

    @Test
    void aRunRecordedLateIsPlacedByItsTimeAndTheEvaluationsAfterItAreRedone() {
        // day 2: L1 at +2.5 SD (warning alone); then day 1 arrives late, also at +2.5 SD: 2-2s across runs now
        // fires on day 2's run
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), run("r2", 2, "4.25", null))
                .when(run("r1", 1, "4.25", null))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.instanceOf(ControlRunRecorded.class),
                        evaluated("r1", RunStatus.WARNING, false, WestgardRule.R_1_2S),
                        evaluated("r2", RunStatus.REJECTED, true, WestgardRule.R_2_2S), Matchers.andNoMore())));
    }

    @Test
    void aLevelWithoutALotIsRefusedAndARunIsNotEdited() {
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10")).when(run("r1", 1, "4.00", "6.00"))
                .expectNoEvents().expectException(ruleViolation("invalid-results-level", "results[1].level"));
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), run("r1", 1, "4.00", null))
                .when(run("r1", 1, "4.000", null)).expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), run("r1", 1, "4.00", null))
                .when(run("r1", 1, "4.10", null)).expectNoEvents()
                .expectException(ConflictingStateException.class);
    }

    @Test
    void targetsAreEstablishedFromTwentyRunsProposedThenConfirmed() {
        List<Object> commands = new ArrayList<>(List.of(lot("L1", "NEW", null, null)));
        for (int i = 0; i < 19; i++) {
            commands.add(run("e" + i, i, i % 2 == 0 ? "4.9" : "5.1", null));
        }
        fixture.givenCommands(commands).when(new ProposeControlTargets(ID, "L1", "NEW"))
                .expectNoEvents().expectException(ruleViolation("invalid-lot", "lot"));
        commands.add(run("e19", 19, "5.1", null));
        fixture = new AggregateTestFixture<>(IqcSeries.class);
        fixture.givenCommands(commands).when(new ProposeControlTargets(ID, "L1", "NEW"))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        new org.hamcrest.TypeSafeMatcher<Object>() {
                            @Override
                            protected boolean matchesSafely(Object item) {
                                return item instanceof ControlTargetsProposed p && p.n() == 20
                                        && p.mean().compareTo(new BigDecimal("5.0")) == 0;
                            }

                            @Override
                            public void describeTo(org.hamcrest.Description description) {
                                description.appendText("mean 5.0 from 20 runs");
                            }
                        }, Matchers.andNoMore())));
        List<Object> proposed = new ArrayList<>(commands);
        proposed.add(new ProposeControlTargets(ID, "L1", "NEW"));
        fixture = new AggregateTestFixture<>(IqcSeries.class);
        fixture.givenCommands(proposed).when(new ConfirmControlTargets(ID, "L1", "NEW", "qc"))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.instanceOf(ControlTargetsConfirmed.class), Matchers.andNoMore())));
        assertThat(proposed).hasSize(22);
    }

    @Test
    void aRunRecordedLateAcrossALotChangeIsJudgedOnTheLotItWasMeasuredOn() {
        RecordControlRun late = new RecordControlRun(ID, "LAB", "K", "r9", DAY1.plus(Duration.ofDays(9)),
                List.of(new ControlResult("L1", new BigDecimal("4.02"))), java.util.Map.of("L1", "A"), "API");
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), lot("L1", "B", "5.00", "0.10"),
                        run("r10", 10, "5.01", null))
                .when(late)
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.instanceOf(ControlRunRecorded.class),
                        evaluated("r9", RunStatus.ACCEPTED, false), Matchers.andNoMore())));
        fixture = new AggregateTestFixture<>(IqcSeries.class);
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"))
                .when(new RecordControlRun(ID, "LAB", "K", "r1", DAY1, List.of(new ControlResult("L1",
                        BigDecimal.ONE)), java.util.Map.of("L1", "NOPE"), "API"))
                .expectNoEvents().expectException(ruleViolation("invalid-results-lot", "results[0].lot"));
    }

    @Test
    void laterRunsAreReEvaluatedWithTheRuleSetTheyWereJudgedWith() {
        // day 2 was rejected by 2-2s across runs under the default rules; then the rules become 1-3s only; a late
        // day-0 run re-evaluates day 1 and day 2 with the rules each was judged with: day 2 stays rejected
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), run("r1", 1, "4.25", null), run("r2", 2, "4.25", null),
                        new SetIqcRuleSet(ID, "LAB", "K", "1-3s", "qc"))
                .when(run("r0", 0, "4.00", null))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.instanceOf(ControlRunRecorded.class),
                        evaluated("r0", RunStatus.ACCEPTED, false), Matchers.andNoMore())));
    }

    @Test
    void targetsMayBeEnteredLaterForALotThatHadNone() {
        fixture.givenCommands(lot("L1", "NEW", null, null), lot("L1", "OTHER", "5.00", "0.10"))
                .when(lot("L1", "NEW", "4.00", "0.10"))
                .expectEvents(new ControlLotRegistered(ID, "LAB", "K", "L1", "Bio-Rad Lyphochek", "NEW", null,
                        new BigDecimal("4.00"), new BigDecimal("0.10"), "qc"));
    }

    @Test
    void aRejectedRunIsReviewedAndSignedOffOnce() {
        ReviewRejectedRun review = new ReviewRejectedRun(ID, "r1", "L1 and L2 high: calibration drift",
                "recalibrated; controls and patients since the last accepted run repeated", "张敏");
        RejectedRunReviewed reviewed = new RejectedRunReviewed(ID, "LAB", "K", "r1", review.comment(),
                review.correctiveAction(), "张敏");
        // both levels beyond +2 SD in one run: 2-2s rejects it
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), lot("L2", "B", "6.00", "0.20"), run("r1", 1, "4.25",
                "6.45")).when(review).expectEvents(reviewed);
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), lot("L2", "B", "6.00", "0.20"), run("r1", 1, "4.25",
                "6.45"), review).when(review).expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), lot("L2", "B", "6.00", "0.20"), run("r1", 1, "4.25",
                        "6.45"), review)
                .when(new ReviewRejectedRun(ID, "r1", "another reading", "none", "李华"))
                .expectNoEvents().expectException(ConflictingStateException.class);
    }

    @Test
    void onlyARejectedRunIsReviewedAndTheReviewSaysWhatAndWho() {
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), run("r1", 1, "4.05", null))
                .when(new ReviewRejectedRun(ID, "r1", "fine", "none", "张敏"))
                .expectNoEvents().expectException(ruleViolation("invalid-runId", "runId"));
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), run("r1", 1, "4.05", null))
                .when(new ReviewRejectedRun(ID, "r9", "fine", "none", "张敏"))
                .expectNoEvents().expectException(ruleViolation("invalid-runId", "runId"));
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), run("r1", 1, "4.35", null))
                .when(new ReviewRejectedRun(ID, "r1", "1-3s", " ", "张敏"))
                .expectNoEvents().expectException(ruleViolation("invalid-correctiveAction", "correctiveAction"));
        fixture.givenCommands(lot("L1", "A", "4.00", "0.10"), run("r1", 1, "4.35", null))
                .when(new ReviewRejectedRun(ID, "r1", "1-3s", "rerun", null))
                .expectNoEvents().expectException(ruleViolation("invalid-reviewedBy", "reviewedBy"));
    }
}
