package org.huren.domain.labresult;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.huren.domain.common.Change;
import org.huren.domain.common.ResourceKey;
import org.huren.domain.common.WriteOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.hamcrest.Matchers.containsString;
import static org.huren.domain.common.DomainRuleViolationMatcher.conflict;
import static org.huren.domain.common.DomainRuleViolationMatcher.ruleViolation;
import static org.huren.domain.common.DomainRuleViolationMatcher.staleVersion;
import static org.huren.domain.labresult.LabResultContentBuilder.aGlucoseResult;
import static org.huren.domain.labresult.LabResultContentBuilder.content;
import static org.huren.domain.labresult.ResultStatus.AMENDED;
import static org.huren.domain.labresult.ResultStatus.ENTERED_IN_ERROR;
import static org.huren.domain.labresult.ResultStatus.FINAL;
import static org.huren.domain.labresult.ResultStatus.PRELIMINARY;

class LabResultTest {

    private static final String LAB = "lab-310000-01";
    private static final String OTHER_LAB = "lab-330000-07";
    private static final ResourceKey KEY = new ResourceKey("urn:oid:2.16.156.310000.1.accession", "A20240304-0017-GLU");
    private static final String RESULT_ID = KEY.derivedId("Observation", LAB);

    private static final LabResultContent ORIGINAL = aGlucoseResult()
            .withContentHash("sha256:original").withStatus(FINAL).withValue("5.4").build();
    private static final LabResultContent AMENDMENT = aGlucoseResult()
            .withContentHash("sha256:amended").withStatus(AMENDED).withValue("5.7").build();
    private static final LabResultContent RETRACTION = aGlucoseResult()
            .withContentHash("sha256:retraction").withStatus(ENTERED_IN_ERROR).withValue("5.4").build();

    private FixtureConfiguration<LabResult> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LabResult.class);
    }

    private static ReportLabResult report(LabResultContent content) {
        return new ReportLabResult(RESULT_ID, LAB, KEY, content);
    }

    private static ReviseLabResult revise(LabResultContent content) {
        return reviseFrom(LAB, content);
    }

    private static ReviseLabResult reviseFrom(String labId, LabResultContent content) {
        return new ReviseLabResult(RESULT_ID, labId, content);
    }

    private static LabResultReported reported(LabResultContent content) {
        return new LabResultReported(RESULT_ID, LAB, KEY, content);
    }

    private static WriteOutcome outcome(Change change, long version) {
        return new WriteOutcome(RESULT_ID, change, version);
    }

    @Nested
    class Content {

        @Test
        void withoutAContentHashIsRejected() {
            assertThatNullPointerException()
                    .isThrownBy(() -> aGlucoseResult().withContentHash(null).build())
                    .withMessage("contentHash");
        }
    }

    @Nested
    class NewResult {

        @Test
        void isReportedAndAnsweredWithItsIdentifier() {
            fixture.givenNoPriorActivity()
                    .when(report(ORIGINAL))
                    .expectEvents(reported(ORIGINAL))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(RESULT_ID);
        }

        @Test
        void isReportedWhateverItsStatusShortOfEnteredInError() {
            LabResultContent preliminary = content("sha256:preliminary", PRELIMINARY);

            fixture.givenNoPriorActivity()
                    .when(report(preliminary))
                    .expectEvents(reported(preliminary))
                    .expectResultMessagePayload(RESULT_ID);
        }

        @Test
        void thatIsEnteredInErrorIsRejectedAsRetractionOfUnknownResult() {
            fixture.givenNoPriorActivity()
                    .when(report(RETRACTION))
                    .expectNoEvents()
                    .expectException(ruleViolation("retraction-of-unknown-result", "Observation.status"));
        }
    }

    @Nested
    class ReportedResult {

        @Test
        void revisedWithTheSameContentHashIsUnchanged() {
            fixture.given(reported(ORIGINAL))
                    .when(revise(ORIGINAL))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(outcome(Change.UNCHANGED, 1));
        }

        @Test
        void revisedWithChangedContentIsCorrectedCarryingThePreviousHash() {
            fixture.given(reported(ORIGINAL))
                    .when(revise(AMENDMENT))
                    .expectEvents(new LabResultCorrected(RESULT_ID, LAB, AMENDMENT, "sha256:original"))
                    .expectResultMessagePayload(outcome(Change.CORRECTED, 2));
        }

        @Test
        void revisedAsEnteredInErrorIsRetracted() {
            fixture.given(reported(ORIGINAL))
                    .when(revise(RETRACTION))
                    .expectEvents(new LabResultRetracted(RESULT_ID, LAB, RETRACTION))
                    .expectResultMessagePayload(outcome(Change.RETRACTED, 2));
        }

        @Test
        void revisedByAnotherLabIsAConflict() {
            fixture.given(reported(ORIGINAL))
                    .when(reviseFrom(OTHER_LAB, AMENDMENT))
                    .expectNoEvents()
                    .expectException(conflict("result-of-other-lab", "Observation.performer"))
                    .expectExceptionMessage(containsString(RESULT_ID));
        }

        @Test
        void resentUnchangedByAnotherLabIsStillAConflict() {
            fixture.given(reported(ORIGINAL))
                    .when(reviseFrom(OTHER_LAB, ORIGINAL))
                    .expectNoEvents()
                    .expectException(conflict("result-of-other-lab", "Observation.performer"));
        }
    }

    @Nested
    class CorrectedResult {

        private final LabResultCorrected corrected =
                new LabResultCorrected(RESULT_ID, LAB, AMENDMENT, "sha256:original");

        @Test
        void correctedAgainCarriesTheLatestHashAsPreviousAndReachesVersionThree() {
            LabResultContent secondAmendment = aGlucoseResult()
                    .withContentHash("sha256:amended-again").withStatus(AMENDED).withValue("5.75").build();

            fixture.given(reported(ORIGINAL), corrected)
                    .when(revise(secondAmendment))
                    .expectEvents(new LabResultCorrected(RESULT_ID, LAB, secondAmendment, "sha256:amended"))
                    .expectResultMessagePayload(outcome(Change.CORRECTED, 3));
        }

        @Test
        void revisedWithTheCorrectedContentIsUnchangedAtVersionTwo() {
            fixture.given(reported(ORIGINAL), corrected)
                    .when(revise(AMENDMENT))
                    .expectNoEvents()
                    .expectResultMessagePayload(outcome(Change.UNCHANGED, 2));
        }

        @Test
        void revisedWithTheOriginalContentIsCorrectedBackToIt() {
            fixture.given(reported(ORIGINAL), corrected)
                    .when(revise(ORIGINAL))
                    .expectEvents(new LabResultCorrected(RESULT_ID, LAB, ORIGINAL, "sha256:amended"))
                    .expectResultMessagePayload(outcome(Change.CORRECTED, 3));
        }

        @Test
        void retractedAfterTheCorrectionReachesVersionThree() {
            fixture.given(reported(ORIGINAL), corrected)
                    .when(revise(RETRACTION))
                    .expectEvents(new LabResultRetracted(RESULT_ID, LAB, RETRACTION))
                    .expectResultMessagePayload(outcome(Change.RETRACTED, 3));
        }
    }

    @Nested
    class RetractedResult {

        private final LabResultRetracted retracted = new LabResultRetracted(RESULT_ID, LAB, RETRACTION);

        static Stream<Named<LabResultContent>> contentsThatAreNoRetraction() {
            return Stream.of(
                    Named.of("the original content (un-retracting)", ORIGINAL),
                    Named.of("an amended content", AMENDMENT));
        }

        @ParameterizedTest
        @MethodSource("contentsThatAreNoRetraction")
        void revisedWithContentThatIsNoRetractionIsAConflict(LabResultContent different) {
            fixture.given(reported(ORIGINAL), retracted)
                    .when(revise(different))
                    .expectNoEvents()
                    .expectException(conflict("result-retracted", "Observation.status"))
                    .expectExceptionMessage(containsString(RESULT_ID));
        }

        @Test
        void resentWithTheIdenticalRetractionIsUnchanged() {
            fixture.given(reported(ORIGINAL), retracted)
                    .when(revise(RETRACTION))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(outcome(Change.UNCHANGED, 2));
        }

        @Test
        void retractedAgainWithAnotherEnteredInErrorContentIsAHarmlessRepeat() {
            LabResultContent anotherRetraction = content("sha256:retraction-2", ENTERED_IN_ERROR);

            fixture.given(reported(ORIGINAL), retracted)
                    .when(revise(anotherRetraction))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(outcome(Change.UNCHANGED, 2));
        }

        @Test
        void revisedByAnotherLabIsAConflictAboutTheLabNotTheRetraction() {
            fixture.given(reported(ORIGINAL), retracted)
                    .when(reviseFrom(OTHER_LAB, AMENDMENT))
                    .expectNoEvents()
                    .expectException(conflict("result-of-other-lab", "Observation.performer"));
        }

        @Test
        void retractedAgainByAnotherLabIsAConflictNotAHarmlessRepeat() {
            fixture.given(reported(ORIGINAL), retracted)
                    .when(reviseFrom(OTHER_LAB, content("sha256:retraction-2", ENTERED_IN_ERROR)))
                    .expectNoEvents()
                    .expectException(conflict("result-of-other-lab", "Observation.performer"));
        }
    }

    /** An LIS that names the version it corrected (If-Match) loses no other writer's correction. */
    @Nested
    class RevisionOfANamedVersion {

        private final LabResultCorrected corrected =
                new LabResultCorrected(RESULT_ID, LAB, AMENDMENT, "sha256:original");

        @Test
        void ofTheCurrentVersionIsApplied() {
            fixture.given(reported(ORIGINAL))
                    .when(new ReviseLabResult(RESULT_ID, LAB, AMENDMENT, 1L))
                    .expectEvents(corrected)
                    .expectResultMessagePayload(outcome(Change.CORRECTED, 2));
        }

        @Test
        void ofAnOlderVersionIsRefusedNamingBothVersions() {
            LabResultContent secondAmendment = aGlucoseResult()
                    .withContentHash("sha256:amended-again").withStatus(AMENDED).withValue("5.75").build();

            fixture.given(reported(ORIGINAL), corrected)
                    .when(new ReviseLabResult(RESULT_ID, LAB, secondAmendment, 1L))
                    .expectNoEvents()
                    .expectException(staleVersion())
                    .expectExceptionMessage(containsString("is at version 2, not at version 1"));
        }

        @Test
        void ofAVersionThatNeverExistedIsRefused() {
            fixture.given(reported(ORIGINAL))
                    .when(new ReviseLabResult(RESULT_ID, LAB, AMENDMENT, 99L))
                    .expectNoEvents()
                    .expectException(staleVersion());
        }

        @Test
        void ofAnOlderVersionIsRefusedEvenWhenItWouldChangeNothing() {
            fixture.given(reported(ORIGINAL), corrected)
                    .when(new ReviseLabResult(RESULT_ID, LAB, AMENDMENT, 1L))
                    .expectNoEvents()
                    .expectException(staleVersion());
        }

        @Test
        void byAnotherLabIsTheOtherLabsConflictWithoutTellingTheVersion() {
            fixture.given(reported(ORIGINAL), corrected)
                    .when(new ReviseLabResult(RESULT_ID, OTHER_LAB, AMENDMENT, 1L))
                    .expectNoEvents()
                    .expectException(conflict("result-of-other-lab", "Observation.performer"));
        }
    }
}
