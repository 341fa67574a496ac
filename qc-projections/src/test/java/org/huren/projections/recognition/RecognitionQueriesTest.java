package org.huren.projections.recognition;

import org.huren.domain.recognition.Criterion;
import org.huren.domain.recognition.CriterionResult;
import org.huren.domain.recognition.CriterionVerdict;
import org.huren.domain.recognition.RecognitionStatus;
import org.huren.domain.recognition.query.GetRecognition;
import org.huren.domain.recognition.query.GetRecognitionHistory;
import org.huren.domain.recognition.query.GetRecognitionRates;
import org.huren.domain.recognition.query.RecognitionRate;
import org.huren.domain.recognition.query.RecognitionView;
import org.huren.domain.recognition.query.ResultTag;
import org.huren.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The recognition read model's answers, typed: decisions now and then, their history, an alliance's rates. */
class RecognitionQueriesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static Instant withdrawalRecorded;

    private final RecognitionQueries queries = new RecognitionQueries(TestDatabase.jdbc());

    @BeforeAll
    static void twoResultsOneWithdrawnLater() {
        RecognitionProjection projection = new RecognitionProjection(TestDatabase.jdbc());
        ProcessorHarness processor = new ProcessorHarness(projection, TestDatabase.jdbc().getDataSource());
        processor.reset();
        Instant start = LocalDate.now(SHANGHAI).atStartOfDay(SHANGHAI).toInstant();
        RecognitionEvents events = new RecognitionEvents(start).allianceWithAccreditedLab(LocalDate.now(SHANGHAI)
                .minusDays(1));
        Instant t = events.now();
        events.potassium("early", t).potassium("late", t.plusSeconds(60)).withdrawal("K", t.plusSeconds(30));
        withdrawalRecorded = events.now();
        processor.process(events.events(), 500);
    }

    @Test
    void aDecisionNowAndAsItWasBeforeTheWithdrawal() {
        List<RecognitionView> now = queries.recognition(new GetRecognition("late", null));
        assertThat(now).singleElement().satisfies(view -> {
            assertThat(view.allianceId()).isEqualTo(RecognitionEvents.ALLIANCE);
            assertThat(view.status()).isEqualTo(RecognitionStatus.NOT_RECOGNIZED);
            assertThat(view.tag()).isEqualTo(ResultTag.WITHDRAWN);
            assertThat(view.since()).isEqualTo(withdrawalRecorded);
            assertThat(view.causeType()).isEqualTo("AccreditationWithdrawn");
            assertThat(view.criteria()).extracting(CriterionResult::criterion).startsWith(Criterion.MEMBER_ACTIVE);
            assertThat(view.criteria()).filteredOn(c -> c.verdict() == CriterionVerdict.FAIL)
                    .extracting(CriterionResult::criterion).containsExactly(Criterion.LAB_ACCREDITED);
        });
        assertThat(queries.recognition(new GetRecognition("late", withdrawalRecorded.minusMillis(1))))
                .singleElement().satisfies(view -> assertThat(view.tag()).isEqualTo(ResultTag.RECOGNIZED));
        assertThat(queries.recognition(new GetRecognition("nothing", null))).isEmpty();
    }

    @Test
    void theHistoryHasEveryChangeWithItsCause() {
        assertThat(queries.history(new GetRecognitionHistory("late")))
                .extracting(v -> v.status() + " " + v.causeType() + " " + v.everRecognized())
                .containsExactly("RECOGNIZED LabResultReported true", "NOT_RECOGNIZED AccreditationWithdrawn true");
        assertThat(queries.history(new GetRecognitionHistory("early"))).hasSize(1);
    }

    @Test
    void ratesCountWithdrawnResultsApart() {
        assertThat(queries.rates(new GetRecognitionRates(RecognitionEvents.ALLIANCE,
                GetRecognitionRates.Grouping.ALLIANCE, null))).containsExactly(new RecognitionRate(
                RecognitionEvents.ALLIANCE, 2, 1, 0, 1, 0, new BigDecimal("50.00")));
    }
}
