package org.huren.domain.assessment;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.huren.domain.assessment.AssessmentOutcome.ACCREDITED;
import static org.huren.domain.assessment.AssessmentOutcome.NOT_ACCREDITED;
import static org.huren.domain.assessment.Dimension.EQA;
import static org.huren.domain.assessment.Dimension.IQC;
import static org.huren.domain.assessment.Dimension.PERSONNEL;
import static org.huren.domain.assessment.Dimension.REAGENTS;
import static org.huren.domain.assessment.Verdict.CONDITIONAL;
import static org.huren.domain.assessment.Verdict.FAIL;
import static org.huren.domain.assessment.Verdict.PASS;
import static org.huren.domain.common.DomainRuleViolationMatcher.conflict;
import static org.huren.domain.common.DomainRuleViolationMatcher.ruleViolation;

class OnSiteAssessmentTest {

    private static final String ASSESSMENT = "assessment-2025-017";
    private static final String ALLIANCE = "alliance-wuhan-east";
    private static final String LAB = "lab-420102-03";
    private static final List<String> ASSESSORS = List.of("张敏", "李强");
    private static final LocalDate VISIT = LocalDate.of(2025, 3, 1);
    private static final LocalDate VALID_UNTIL = LocalDate.of(2027, 2, 28);
    private static final Set<String> ITEMS = Set.of("K", "GLU");
    private static final String CLOSED_BY = "王主任";

    private static final AssessmentOpened OPENED = new AssessmentOpened(ASSESSMENT, ALLIANCE, LAB, ASSESSORS, VISIT);
    private static final List<String> IQC_FINDINGS = List.of("Westgard 2-2s violations not investigated");

    private FixtureConfiguration<OnSiteAssessment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OnSiteAssessment.class);
    }

    private static OpenAssessment open(String allianceId, String labCode, List<String> assessors, LocalDate visit) {
        return new OpenAssessment(ASSESSMENT, allianceId, labCode, assessors, visit);
    }

    private static ScoreDimension score(Dimension dimension, Verdict verdict, List<String> findings) {
        return new ScoreDimension(ASSESSMENT, dimension, verdict, findings, null);
    }

    private static DimensionScored scored(Dimension dimension, Verdict verdict, List<String> findings) {
        return new DimensionScored(ASSESSMENT, dimension, verdict, findings, null);
    }

    private static DimensionScored passed(Dimension dimension) {
        return scored(dimension, PASS, List.of());
    }

    /** The assessment opened and every dimension but {@code unscored} passed. */
    private static List<Object> openedAndPassedExcept(Dimension... unscored) {
        List<Object> events = new ArrayList<>();
        events.add(OPENED);
        for (Dimension dimension : Dimension.values()) {
            if (!Arrays.asList(unscored).contains(dimension)) {
                events.add(passed(dimension));
            }
        }
        return events;
    }

    private static List<Object> openedAndAllPassed() {
        return openedAndPassedExcept();
    }

    private static List<Object> with(List<Object> events, Object... more) {
        List<Object> all = new ArrayList<>(events);
        all.addAll(List.of(more));
        return all;
    }

    private static Map<Dimension, Verdict> allPass() {
        Map<Dimension, Verdict> scores = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            scores.put(dimension, PASS);
        }
        return scores;
    }

    private static CloseAssessment close(AssessmentOutcome outcome, Set<String> itemCodes, LocalDate validUntil) {
        return new CloseAssessment(ASSESSMENT, outcome, itemCodes, validUntil, CLOSED_BY);
    }

    private static AssessmentClosed closed(AssessmentOutcome outcome, Set<String> itemCodes, LocalDate validUntil,
                                           Map<Dimension, Verdict> scores) {
        return new AssessmentClosed(ASSESSMENT, ALLIANCE, LAB, outcome, itemCodes, VISIT, validUntil, scores,
                ASSESSORS, CLOSED_BY);
    }

    private static List<Matcher<? super String>> everyDimensionNamed() {
        return Arrays.stream(Dimension.values()).<Matcher<? super String>>map(d -> containsString(d.name())).toList();
    }

    @Nested
    class Opening {

        @Test
    void openingTheSameAssessmentAgainChangesNothingAndAnotherUnderItsIdIsAConflict() {
        fixture.givenNoPriorActivity().when(open(ALLIANCE, LAB, ASSESSORS, VISIT)).expectEvents(OPENED)
                .expectResultMessagePayload(org.huren.domain.common.Change.CREATED);
        fixture.given(OPENED).when(open(ALLIANCE, LAB, ASSESSORS, VISIT)).expectNoEvents()
                .expectResultMessagePayload(org.huren.domain.common.Change.UNCHANGED);
        fixture.given(OPENED).when(open(ALLIANCE, LAB, List.of("王强"), VISIT)).expectNoEvents().expectException(
                org.huren.domain.common.DomainRuleViolationMatcher.conflict("request-id-reused", "requestId"));
    }

    @Test
        void anAssessmentOfALabIsOpened() {
            fixture.givenNoPriorActivity()
                    .when(open(ALLIANCE, LAB, ASSESSORS, VISIT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(OPENED);
        }

        @ParameterizedTest
        @NullAndEmptySource
        void anAssessmentWithoutAssessorsIsRejected(List<String> assessors) {
            fixture.givenNoPriorActivity()
                    .when(open(ALLIANCE, LAB, assessors, VISIT))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-assessors", "assessors"));
        }

        @Test
        void anAssessmentWithoutAVisitDateIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(open(ALLIANCE, LAB, ASSESSORS, null))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-visitDate", "visitDate"));
        }

        @Test
        void anAssessmentWithoutALabIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(open(ALLIANCE, null, ASSESSORS, VISIT))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-labCode", "labCode"));
        }

        @Test
        void anAssessmentWithoutAnAllianceIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(open(null, LAB, ASSESSORS, VISIT))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-allianceId", "allianceId"));
        }
    }

    @Nested
    class Scoring {

        @ParameterizedTest
        @EnumSource(Dimension.class)
        void eachDimensionIsScored(Dimension dimension) {
            fixture.given(OPENED)
                    .when(score(dimension, PASS, List.of()))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(passed(dimension));
        }

        @Test
        void aScoreKeepsItsFindingsAndNotes() {
            fixture.given(OPENED)
                    .when(new ScoreDimension(ASSESSMENT, PERSONNEL, PASS, List.of("two technicians in training"),
                            "certificates seen"))
                    .expectEvents(new DimensionScored(ASSESSMENT, PERSONNEL, PASS,
                            List.of("two technicians in training"), "certificates seen"));
        }

        @ParameterizedTest
        @EnumSource(value = Verdict.class, names = {"CONDITIONAL", "FAIL"})
        void aScoreShortOfPassWithFindingsIsRecorded(Verdict verdict) {
            fixture.given(OPENED)
                    .when(score(IQC, verdict, IQC_FINDINGS))
                    .expectEvents(scored(IQC, verdict, IQC_FINDINGS));
        }

        @ParameterizedTest
        @EnumSource(value = Verdict.class, names = {"CONDITIONAL", "FAIL"})
        void aScoreShortOfPassWithoutFindingsIsRejected(Verdict verdict) {
            fixture.given(OPENED)
                    .when(score(IQC, verdict, List.of()))
                    .expectNoEvents()
                    .expectException(ruleViolation("findings-required", "findings"))
                    .expectExceptionMessage(containsString(verdict.name().toLowerCase()));
        }

        @Test
        void aScoreShortOfPassWithNullFindingsIsRejected() {
            fixture.given(OPENED)
                    .when(score(IQC, FAIL, null))
                    .expectNoEvents()
                    .expectException(ruleViolation("findings-required", "findings"));
        }

        @Test
        void aScoreWithoutADimensionIsRejected() {
            fixture.given(OPENED)
                    .when(score(null, PASS, List.of()))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-dimension", "dimension"));
        }

        @Test
        void aScoreWithoutAVerdictIsRejected() {
            fixture.given(OPENED)
                    .when(score(IQC, null, List.of()))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-verdict", "verdict"));
        }

        @Test
        void aDimensionScoredAgainIsRecordedAgain() {
            fixture.given(OPENED, scored(IQC, FAIL, IQC_FINDINGS))
                    .when(score(IQC, PASS, List.of()))
                    .expectEvents(passed(IQC));
        }

        @Test
        void aFailedDimensionRescoredAsPassNoLongerStandsInTheWayOfAccreditation() {
            Map<Dimension, Verdict> scores = allPass();

            fixture.given(with(openedAndPassedExcept(IQC), scored(IQC, FAIL, IQC_FINDINGS), passed(IQC)))
                    .when(close(ACCREDITED, ITEMS, VALID_UNTIL))
                    .expectEvents(closed(ACCREDITED, ITEMS, VALID_UNTIL, scores));
        }

        @Test
        void aPassedDimensionRescoredAsFailStandsInTheWayOfAccreditation() {
            fixture.given(with(openedAndAllPassed(), scored(IQC, FAIL, IQC_FINDINGS)))
                    .when(close(ACCREDITED, ITEMS, VALID_UNTIL))
                    .expectNoEvents()
                    .expectException(ruleViolation("failed-dimension", "outcome"));
        }
    }

    @Nested
    class Closing {

        @Test
        void anAssessmentWithEveryDimensionScoredClosesAccreditedAndAnswersWithTheClosingEvent() {
            AssessmentClosed accredited = closed(ACCREDITED, ITEMS, VALID_UNTIL, allPass());

            fixture.given(openedAndAllPassed())
                    .when(close(ACCREDITED, ITEMS, VALID_UNTIL))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(accredited)
                    .expectResultMessagePayload(new AssessmentClosing(accredited, false));
        }

        @Test
        void aConditionalPassStillAllowsAccreditation() {
            Map<Dimension, Verdict> scores = allPass();
            scores.put(REAGENTS, CONDITIONAL);

            fixture.given(with(openedAndPassedExcept(REAGENTS),
                            scored(REAGENTS, CONDITIONAL, List.of("reagent log incomplete"))))
                    .when(close(ACCREDITED, ITEMS, VALID_UNTIL))
                    .expectEvents(closed(ACCREDITED, ITEMS, VALID_UNTIL, scores));
        }

        @Test
        void anAccreditationValidUntilTheDayAfterTheVisitIsAccepted() {
            LocalDate dayAfter = VISIT.plusDays(1);

            fixture.given(openedAndAllPassed())
                    .when(close(ACCREDITED, ITEMS, dayAfter))
                    .expectEvents(closed(ACCREDITED, ITEMS, dayAfter, allPass()));
        }

        @Test
        void anAssessmentWithUnscoredDimensionsCannotBeClosedAndNamesThem() {
            fixture.given(openedAndPassedExcept(EQA, IQC))
                    .when(close(ACCREDITED, ITEMS, VALID_UNTIL))
                    .expectNoEvents()
                    .expectException(ruleViolation("dimensions-unscored", "scores"))
                    .expectExceptionMessage(allOf(containsString("[EQA, IQC]"), not(containsString("PERSONNEL"))));
        }

        @Test
        void anAssessmentWithNothingScoredCannotBeClosedEvenAsNotAccredited() {
            fixture.given(OPENED)
                    .when(close(NOT_ACCREDITED, Set.of(), null))
                    .expectNoEvents()
                    .expectException(ruleViolation("dimensions-unscored", "scores"))
                    .expectExceptionMessage(allOf(everyDimensionNamed()));
        }

        @Test
        void aLabThatFailedADimensionCannotBeAccredited() {
            fixture.given(with(openedAndPassedExcept(IQC), scored(IQC, FAIL, IQC_FINDINGS)))
                    .when(close(ACCREDITED, ITEMS, VALID_UNTIL))
                    .expectNoEvents()
                    .expectException(ruleViolation("failed-dimension", "outcome"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        void anAccreditationWithoutItemsIsRejected(Set<String> itemCodes) {
            fixture.given(openedAndAllPassed())
                    .when(close(ACCREDITED, itemCodes, VALID_UNTIL))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-itemCodes", "itemCodes"));
        }

        static Stream<Named<LocalDate>> validUntilDatesNotAfterTheVisit() {
            return Stream.of(
                    Named.of("the visit date", VISIT),
                    Named.of("the day before the visit", VISIT.minusDays(1)),
                    Named.of("no date", null));
        }

        @ParameterizedTest
        @MethodSource("validUntilDatesNotAfterTheVisit")
        void anAccreditationMustBeValidUntilAfterTheVisit(LocalDate validUntil) {
            fixture.given(openedAndAllPassed())
                    .when(close(ACCREDITED, ITEMS, validUntil))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-validUntil", "validUntil"))
                    .expectExceptionMessage(containsString(VISIT.toString()));
        }

        @Test
        void anAssessmentWithoutAnOutcomeCannotBeClosed() {
            fixture.given(openedAndAllPassed())
                    .when(close(null, ITEMS, VALID_UNTIL))
                    .expectNoEvents()
                    .expectException(ruleViolation("invalid-outcome", "outcome"));
        }

        @Test
        void notAccreditedClosesWithoutItemsOrValidityEvenIfTheyWereGiven() {
            AssessmentClosed notAccredited = closed(NOT_ACCREDITED, Set.of(), null, allPass());

            fixture.given(openedAndAllPassed())
                    .when(close(NOT_ACCREDITED, ITEMS, VALID_UNTIL))
                    .expectEvents(notAccredited)
                    .expectResultMessagePayload(new AssessmentClosing(notAccredited, false));
        }

        @Test
        void aLabThatFailedADimensionIsClosedAsNotAccredited() {
            Map<Dimension, Verdict> scores = allPass();
            scores.put(IQC, FAIL);

            fixture.given(with(openedAndPassedExcept(IQC), scored(IQC, FAIL, IQC_FINDINGS)))
                    .when(close(NOT_ACCREDITED, Set.of(), null))
                    .expectEvents(closed(NOT_ACCREDITED, Set.of(), null, scores));
        }
    }

    @Nested
    class Closed {

        private List<Object> closedAccredited() {
            return with(openedAndAllPassed(), closed(ACCREDITED, ITEMS, VALID_UNTIL, allPass()));
        }

        @Test
        void aDimensionCannotBeScoredAnyMore() {
            fixture.given(closedAccredited())
                    .when(score(IQC, PASS, List.of()))
                    .expectNoEvents()
                    .expectException(conflict("assessment-closed", "assessmentId"))
                    .expectExceptionMessage(containsString(ASSESSMENT));
        }

        @Test
        void aDimensionCannotBeScoredAnyMoreEvenInvalidly() {
            fixture.given(closedAccredited())
                    .when(score(null, null, List.of()))
                    .expectNoEvents()
                    .expectException(conflict("assessment-closed", "assessmentId"));
        }

        @Test
        void aRetriedClosingIsAnsweredAsItWasWithoutNewEvents() {
            fixture.given(closedAccredited())
                    .when(close(ACCREDITED, ITEMS, VALID_UNTIL))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayloadMatching(new org.hamcrest.FeatureMatcher<Object, Boolean>(
                            org.hamcrest.Matchers.is(true), "a closing found already closed", "alreadyClosed") {
                        @Override
                        protected Boolean featureValueOf(Object actual) {
                            return actual instanceof AssessmentClosing closing && closing.alreadyClosed();
                        }
                    });
        }

        @Test
        void itCannotBeClosedAgainWithOtherItems() {
            fixture.given(closedAccredited())
                    .when(close(ACCREDITED, Set.of("NA"), VALID_UNTIL))
                    .expectNoEvents()
                    .expectException(conflict("assessment-closed", "assessmentId"));
        }

        @Test
        void anAssessmentClosedAsNotAccreditedCannotBeClosedAgainAsAccredited() {
            fixture.given(with(openedAndAllPassed(), closed(NOT_ACCREDITED, Set.of(), null, allPass())))
                    .when(close(ACCREDITED, ITEMS, VALID_UNTIL))
                    .expectNoEvents()
                    .expectException(conflict("assessment-closed", "assessmentId"));
        }
    }
}
