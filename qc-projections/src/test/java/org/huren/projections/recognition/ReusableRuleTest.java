package org.huren.projections.recognition;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.labresult.ResultStatus;
import org.huren.domain.recognition.Criterion;
import org.huren.domain.recognition.CriterionResult;
import org.huren.domain.recognition.CriterionVerdict;
import org.huren.domain.recognition.RecognitionFacts;
import org.huren.domain.recognition.RecognitionPolicy;
import org.huren.domain.recognition.RecognitionRules;
import org.huren.domain.recognition.RecognitionStatus;
import org.huren.domain.recognition.ResultFacts;
import org.huren.domain.recognition.query.FindReusable;
import org.huren.domain.recognition.query.ReusableAnswer;
import org.huren.projections.support.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.projections.support.Sql.ts;

/**
 * {@code $reusable} ({@link RecognitionQueries#reusable}) and {@link RecognitionRules#decideReuse} agree: a patient's
 * result is answered reusable at a moment exactly when it is recognized and the rule's WITHIN_VALIDITY passes then
 * — whatever its status, its time and the moment asked, before, at and after the ends of its validity window.
 */
class ReusableRuleTest {

    private static final String ALLIANCE = "reuse-props";
    private static final Instant BASE = Instant.parse("2026-03-10T08:00:00Z");
    private static final CatalogItem K = RecognitionEvents.item("K", LocalDate.of(2026, 1, 1));

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final RecognitionQueries queries = new RecognitionQueries(jdbc);

    @BeforeContainer
    static void aPatientAndTheCatalog() {
        JdbcTemplate jdbc = TestDatabase.jdbc();
        TestDatabase.truncate(List.of("readmodel.rec_catalog", "readmodel.rec_reusable", "readmodel.patient_link",
                "readmodel.patient_identifier", "readmodel.patient CASCADE"));
        new Catalog(jdbc).version(ALLIANCE, K, 1);
        jdbc.update("INSERT INTO readmodel.patient (id, lab_id, version, last_updated, event_position, resource) "
                + "VALUES ('p1', 'LAB', 1, now(), 1, '{}')");
        jdbc.update("INSERT INTO readmodel.patient_identifier (patient_id, system, value) VALUES ('p1', 'mrn', 'M1')");
    }

    @Property(tries = 300)
    void reusableExactlyWhenRecognizedAndWithinValidity(@ForAll @IntRange(min = -20 * 24 * 60, max = 20 * 24 * 60)
                                                        int effectiveMinutes,
                                                        @ForAll @IntRange(min = -5, max = 5) int secondsNearTheEnd,
                                                        @ForAll boolean nearTheEnd,
                                                        @ForAll RecognitionStatus status) {
        Instant effective = BASE.plus(effectiveMinutes, ChronoUnit.MINUTES);
        // half the questions fall a few seconds around the end of the window, where the rule is decided
        Instant asked = nearTheEnd ? RecognitionRules.validUntil(effective, K.validityDays())
                .plusSeconds(secondsNearTheEnd) : BASE;
        jdbc.update("DELETE FROM readmodel.rec_reusable");
        jdbc.update("INSERT INTO readmodel.rec_reusable (result_id, alliance_id, patient_id, item_code, effective_at, "
                + "lab_id, status, ever_recognized, blind) VALUES ('r1', ?, 'p1', 'K', ?, 'LAB', ?, false, false)",
                ALLIANCE, ts(effective), status.name());

        ReusableAnswer answer = queries.reusable(new FindReusable(ALLIANCE, List.of("mrn|M1"), "http://loinc.org|"
                + RecognitionEvents.POTASSIUM, asked, null));

        RecognitionFacts facts = new RecognitionFacts(new ResultFacts("r1", "e1", "LAB", RecognitionEvents.POTASSIUM,
                "mmol/L", null, ResultStatus.FINAL, effective, false), List.of(), Optional.of(K), 1, List.of(),
                Optional.empty(), null, null);
        CriterionResult validity = RecognitionRules.decideReuse(facts, asked, asked, RecognitionPolicy.defaults())
                .result(Criterion.WITHIN_VALIDITY).orElseThrow();
        boolean expected = status == RecognitionStatus.RECOGNIZED && validity.verdict() == CriterionVerdict.PASS;
        assertThat(answer.reusable()).as("%s result at %s asked at %s: %s", status, effective, asked,
                validity.reason()).isEqualTo(expected);
        if (expected) {
            assertThat(answer.validUntil()).isEqualTo(RecognitionRules.validUntil(effective, K.validityDays()));
        }
    }
}
