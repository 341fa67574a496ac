package org.huren.domain.labdoc;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.huren.domain.common.Change;
import org.huren.domain.common.ResourceKey;
import org.huren.domain.common.WriteOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.hamcrest.Matchers.containsString;
import static org.huren.domain.common.DomainRuleViolationMatcher.conflict;
import static org.huren.domain.common.DomainRuleViolationMatcher.staleVersion;
import static org.huren.domain.labdoc.DocumentKind.REPORT;
import static org.huren.domain.labdoc.DocumentKind.SPECIMEN;
import static org.huren.domain.labdoc.LabDocumentContentBuilder.a;

class LabDocumentTest {

    private static final String LAB = "lab-310000-01";
    private static final String OTHER_LAB = "lab-330000-07";
    private static final ResourceKey KEY = new ResourceKey("urn:oid:2.16.156.310000.1.accession", "A20240304-0017");
    private static final String DOCUMENT_ID = KEY.derivedId("DiagnosticReport", LAB);

    private static final LabDocumentContent REPORT_V1 = a(REPORT).withContentHash("sha256:report-v1").build();
    private static final LabDocumentContent REPORT_V2 = a(REPORT).withContentHash("sha256:report-v2")
            .withStatus("amended").build();

    private FixtureConfiguration<LabDocument> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LabDocument.class);
    }

    private static RecordLabDocument record(DocumentKind kind, LabDocumentContent content) {
        return new RecordLabDocument(DOCUMENT_ID, LAB, kind, KEY, content);
    }

    private static ReviseLabDocument revise(DocumentKind kind, LabDocumentContent content) {
        return new ReviseLabDocument(DOCUMENT_ID, LAB, kind, content);
    }

    private static ReviseLabDocument reviseReport(LabDocumentContent content) {
        return revise(REPORT, content);
    }

    private static LabDocumentRecorded recorded(DocumentKind kind, LabDocumentContent content) {
        return new LabDocumentRecorded(DOCUMENT_ID, LAB, kind, KEY, content);
    }

    private static WriteOutcome outcome(Change change, long version) {
        return new WriteOutcome(DOCUMENT_ID, change, version);
    }

    @Nested
    class Content {

        @Test
        void withoutAContentHashIsRejected() {
            assertThatNullPointerException()
                    .isThrownBy(() -> a(REPORT).withContentHash(null).build())
                    .withMessage("contentHash");
        }
    }

    @Nested
    class NewDocument {

        @ParameterizedTest
        @EnumSource(DocumentKind.class)
        void isRecordedAndAnsweredWithItsIdentifier(DocumentKind kind) {
            LabDocumentContent content = a(kind).build();

            fixture.givenNoPriorActivity()
                    .when(record(kind, content))
                    .expectEvents(recorded(kind, content))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(DOCUMENT_ID);
        }
    }

    @Nested
    class RecordedReport {

        @Test
        void revisedWithTheSameContentHashIsUnchanged() {
            fixture.given(recorded(REPORT, REPORT_V1))
                    .when(reviseReport(REPORT_V1))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(outcome(Change.UNCHANGED, 1));
        }

        @Test
        void revisedWithChangedContentIsRevised() {
            fixture.given(recorded(REPORT, REPORT_V1))
                    .when(reviseReport(REPORT_V2))
                    .expectEvents(new LabDocumentRevised(DOCUMENT_ID, LAB, REPORT, REPORT_V2))
                    .expectResultMessagePayload(outcome(Change.CORRECTED, 2));
        }

        @Test
        void revisedASecondTimeReachesVersionThree() {
            LabDocumentContent reportV3 = a(REPORT).withContentHash("sha256:report-v3").withStatus("corrected").build();

            fixture.given(recorded(REPORT, REPORT_V1), new LabDocumentRevised(DOCUMENT_ID, LAB, REPORT, REPORT_V2))
                    .when(reviseReport(reportV3))
                    .expectEvents(new LabDocumentRevised(DOCUMENT_ID, LAB, REPORT, reportV3))
                    .expectResultMessagePayload(outcome(Change.CORRECTED, 3));
        }

        @Test
        void revisedAgainstAnOlderVersionIsRefused() {
            fixture.given(recorded(REPORT, REPORT_V1), new LabDocumentRevised(DOCUMENT_ID, LAB, REPORT, REPORT_V2))
                    .when(new ReviseLabDocument(DOCUMENT_ID, LAB, REPORT, REPORT_V1, 1L))
                    .expectNoEvents()
                    .expectException(staleVersion())
                    .expectExceptionMessage(containsString("DiagnosticReport/" + DOCUMENT_ID + " is at version 2"));
        }

        @Test
        void revisedAgainstTheCurrentVersionIsRevised() {
            fixture.given(recorded(REPORT, REPORT_V1))
                    .when(new ReviseLabDocument(DOCUMENT_ID, LAB, REPORT, REPORT_V2, 1L))
                    .expectEvents(new LabDocumentRevised(DOCUMENT_ID, LAB, REPORT, REPORT_V2))
                    .expectResultMessagePayload(outcome(Change.CORRECTED, 2));
        }

        @Test
        void revisedAsASpecimenIsADocumentMismatch() {
            fixture.given(recorded(REPORT, REPORT_V1))
                    .when(revise(SPECIMEN, a(SPECIMEN).build()))
                    .expectNoEvents()
                    .expectException(conflict("document-mismatch", "Specimen"))
                    .expectExceptionMessage(containsString(DOCUMENT_ID));
        }

        @Test
        void revisedByAnotherLabIsADocumentMismatch() {
            fixture.given(recorded(REPORT, REPORT_V1))
                    .when(new ReviseLabDocument(DOCUMENT_ID, OTHER_LAB, REPORT, REPORT_V2))
                    .expectNoEvents()
                    .expectException(conflict("document-mismatch", "DiagnosticReport"));
        }
    }

    @Nested
    class RecordedSpecimen {

        @Test
        void revisedAsAReportIsADocumentMismatch() {
            LabDocumentContent specimen = a(SPECIMEN).build();

            fixture.given(recorded(SPECIMEN, specimen))
                    .when(reviseReport(REPORT_V1))
                    .expectNoEvents()
                    .expectException(conflict("document-mismatch", "DiagnosticReport"));
        }

        @Test
        void revisedWithChangedContentIsRevisedKeepingItsKind() {
            LabDocumentContent specimen = a(SPECIMEN).build();
            LabDocumentContent rejectedSpecimen = a(SPECIMEN).withContentHash("sha256:specimen-v2")
                    .withStatus("unsatisfactory").build();

            fixture.given(recorded(SPECIMEN, specimen))
                    .when(revise(SPECIMEN, rejectedSpecimen))
                    .expectEvents(new LabDocumentRevised(DOCUMENT_ID, LAB, SPECIMEN, rejectedSpecimen))
                    .expectResultMessagePayload(outcome(Change.CORRECTED, 2));
        }
    }
}
