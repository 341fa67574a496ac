package org.huren.projections.recognition;

import org.huren.domain.labresult.ResultStatus;
import org.huren.domain.recognition.query.GetRecognitionMatrix;
import org.huren.domain.recognition.query.GetRecognitionRates;
import org.huren.domain.recognition.query.RecognitionCell;
import org.huren.domain.recognition.query.RecognitionRate;
import org.huren.domain.recognition.query.ResultTag;
import org.huren.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.huren.projections.support.Sql.instant;

/**
 * The recognition tally ({@code rec_tally}, V42, ADR 0023) that the rates and the matrix read instead of counting the
 * reuse index: after whatever the processor or any other writer did to {@code rec_reusable}, they answer what
 * counting its rows answers (the queries as they were before the tally, kept here as the reference).
 */
class RecognitionTallyTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final List<String> ASKING = Arrays.asList(null, RecognitionEvents.LAB, "LAB-B", "LAB-C");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final RecognitionQueries queries = new RecognitionQueries(jdbc);
    private final RecognitionMatrix matrix = new RecognitionMatrix(jdbc);
    private final ProcessorHarness processor = new ProcessorHarness(new RecognitionProjection(jdbc),
            jdbc.getDataSource());

    @BeforeEach
    void emptyReadModel() {
        processor.reset();
    }

    @Test
    void theProcessorsDecisionsInAnyBatchesAreTalliedAsTheyAreCounted() {
        LocalDate today = LocalDate.now(SHANGHAI);
        Instant start = today.minusDays(70).atStartOfDay(SHANGHAI).toInstant();
        RecognitionEvents events = new RecognitionEvents(start).allianceWithAccreditedLab(today.minusDays(40))
                .accreditedLab("LAB-B", today.minusDays(40));
        // results of two labs over three months (the first before any accreditation), some withdrawn, one entered in
        // error, one corrected into another month
        Instant withdrawnFrom = null;
        for (int i = 0; i < 60; i++) {
            Instant taken = start.plusSeconds(i * 86_400L + 3_600);
            events.at(taken).lab(i % 3 == 0 ? "LAB-B" : RecognitionEvents.LAB).potassium("r" + i, taken);
            withdrawnFrom = i == 50 ? taken : withdrawnFrom;
        }
        events.lab(RecognitionEvents.LAB).withdrawal("K", withdrawnFrom)
                .corrected("r7", start.plusSeconds(7 * 86_400L), ResultStatus.ENTERED_IN_ERROR)
                .corrected("r8", start.plusSeconds(45 * 86_400L), ResultStatus.CORRECTED);

        for (int size : List.of(1, 7, 500)) {
            processor.reset();
            processor.process(events.events(), size);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM readmodel.rec_reusable", Long.class)).isEqualTo(60);
            assertAnswersAsCounted();
        }
        assertThat(queries.rates(new GetRecognitionRates(RecognitionEvents.ALLIANCE,
                GetRecognitionRates.Grouping.MONTH, null))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(matrix.matrix(new GetRecognitionMatrix(RecognitionEvents.ALLIANCE, null)))
                .extracting(RecognitionCell::labCode).containsExactly(RecognitionEvents.LAB, "LAB-B");

        processor.reset();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM readmodel.rec_tally", Long.class)).isZero();
    }

    @Test
    void everyInsertUpdateAndDeleteOfTheIndexIsTallied() {
        Random random = new Random(7);
        String[] statuses = {"RECOGNIZED", "NOT_RECOGNIZED", "PENDING"};
        String[] labs = {RecognitionEvents.LAB, "LAB-B", "LAB-C"};
        String[] items = {"K", "NA", null};
        Instant base = Instant.parse("2026-01-31T15:30:00Z");
        for (int round = 0; round < 20; round++) {
            // one statement each, as the processor writes its sets: inserts and upserts of many rows, updates, deletes
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                int id = random.nextInt(200);
                Instant taken = random.nextInt(10) == 0 ? null : base.plusSeconds(random.nextInt(90) * 43_200L);
                rows.add(new Object[]{"x" + id, labs[id % 3], items[random.nextInt(3)],
                        taken == null ? null : taken.toString(), statuses[random.nextInt(3)],
                        String.valueOf(random.nextBoolean()), String.valueOf(id % 7 == 0)});
            }
            jdbc.update("""
                    INSERT INTO readmodel.rec_reusable (result_id, alliance_id, patient_id, item_code, effective_at,
                        lab_id, status, ever_recognized, blind)
                    SELECT DISTINCT ON (u.id) u.id, 'a', 'p', u.item, u.taken::timestamptz, u.lab, u.status,
                        u.ever::boolean, u.blind::boolean
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                        AS u(id, lab, item, taken, status, ever, blind)
                    ON CONFLICT (result_id, alliance_id) DO UPDATE SET item_code = excluded.item_code,
                        effective_at = excluded.effective_at, status = excluded.status,
                        ever_recognized = rec_reusable.ever_recognized OR excluded.ever_recognized
                    """, column(rows, 0), column(rows, 1), column(rows, 2), column(rows, 3), column(rows, 4),
                    column(rows, 5), column(rows, 6));
            jdbc.update("UPDATE readmodel.rec_reusable SET status = 'NOT_RECOGNIZED', ever_recognized = true "
                    + "WHERE status = 'RECOGNIZED' AND right(result_id, 1) = ?", String.valueOf(round % 10));
            jdbc.update("DELETE FROM readmodel.rec_reusable WHERE right(result_id, 2) = ?",
                    String.format("%02d", random.nextInt(100)));
            for (String lab : ASKING) {
                for (GetRecognitionRates.Grouping by : GetRecognitionRates.Grouping.values()) {
                    assertThat(queries.rates(new GetRecognitionRates("a", by, lab))).as("%s asked by %s", by, lab)
                            .isEqualTo(ratesAsCounted("a", group(by), lab));
                }
            }
        }
        jdbc.update("TRUNCATE readmodel.rec_reusable");
        assertThat(queries.rates(new GetRecognitionRates("a", GetRecognitionRates.Grouping.ALLIANCE, null)))
                .isEmpty();
    }

    private void assertAnswersAsCounted() {
        for (String lab : ASKING) {
            for (GetRecognitionRates.Grouping by : GetRecognitionRates.Grouping.values()) {
                assertThat(queries.rates(new GetRecognitionRates(RecognitionEvents.ALLIANCE, by, lab)))
                        .as("%s asked by %s", by, lab).isEqualTo(ratesAsCounted(RecognitionEvents.ALLIANCE, group(by),
                                lab));
            }
            assertThat(matrix.matrix(new GetRecognitionMatrix(RecognitionEvents.ALLIANCE, lab))).as("matrix for %s", lab)
                    .isEqualTo(matrixAsCounted(RecognitionEvents.ALLIANCE, lab));
        }
    }

    private static String[] column(List<Object[]> rows, int index) {
        return rows.stream().map(r -> (String) r[index]).toArray(String[]::new);
    }

    private static String group(GetRecognitionRates.Grouping by) {
        return switch (by) {
            case ALLIANCE -> "r.alliance_id";
            case LAB -> "r.lab_id";
            case ITEM -> "coalesce(r.item_code, '?')";
            case MONTH -> "coalesce(to_char(r.effective_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), '?')";
        };
    }

    /** The rates as they were computed before the tally: a count of the index's rows. */
    private List<RecognitionRate> ratesAsCounted(String alliance, String group, String lab) {
        return jdbc.query("SELECT " + group + " AS grp, count(*) AS results,"
                        + " count(*) FILTER (WHERE r.status = 'RECOGNIZED') AS recognized,"
                        + " count(*) FILTER (WHERE r.status = 'NOT_RECOGNIZED' AND NOT r.ever_recognized) AS never,"
                        + " count(*) FILTER (WHERE r.status = 'NOT_RECOGNIZED' AND r.ever_recognized) AS withdrawn,"
                        + " count(*) FILTER (WHERE r.status = 'PENDING') AS pending"
                        + " FROM readmodel.rec_reusable r WHERE r.alliance_id = ? AND "
                        + RecognitionQueries.countsFor("r") + " GROUP BY grp ORDER BY grp",
                (rs, i) -> {
                    long results = rs.getLong("results");
                    long recognized = rs.getLong("recognized");
                    return new RecognitionRate(rs.getString("grp"), results, recognized, rs.getLong("never"),
                            rs.getLong("withdrawn"), rs.getLong("pending"), BigDecimal.valueOf(recognized * 100L)
                            .divide(BigDecimal.valueOf(results), 2, RoundingMode.HALF_UP));
                }, alliance, lab);
    }

    /** The matrix as it was computed before the tally: one grouped pass over the alliance's rows of the index. */
    private List<RecognitionCell> matrixAsCounted(String alliance, String lab) {
        return jdbc.query("""
                WITH cell AS (
                    SELECT r.lab_id, r.item_code, count(*) AS results,
                           count(*) FILTER (WHERE r.status = 'RECOGNIZED') AS recognized,
                           count(*) FILTER (WHERE r.status = 'NOT_RECOGNIZED' AND NOT r.ever_recognized) AS never,
                           count(*) FILTER (WHERE r.status = 'NOT_RECOGNIZED' AND r.ever_recognized) AS withdrawn,
                           count(*) FILTER (WHERE r.status = 'PENDING') AS pending,
                           (array_agg(r.result_id ORDER BY r.effective_at DESC NULLS LAST, r.result_id))[1] AS latest
                    FROM readmodel.rec_reusable r
                    WHERE r.alliance_id = ? AND r.item_code IS NOT NULL AND %s
                    GROUP BY r.lab_id, r.item_code)
                SELECT cell.*, d.status, d.ever_recognized, d.since
                FROM cell JOIN readmodel.recognition d ON d.result_id = cell.latest AND d.alliance_id = ?
                ORDER BY cell.lab_id, cell.item_code
                """.formatted(RecognitionQueries.countsFor("r")),
                (rs, i) -> new RecognitionCell(rs.getString("lab_id"), rs.getString("item_code"),
                        rs.getLong("results"), rs.getLong("recognized"), rs.getLong("never"), rs.getLong("withdrawn"),
                        rs.getLong("pending"), rs.getString("latest"),
                        ResultTag.ofRecognition(rs.getString("status"), rs.getBoolean("ever_recognized")),
                        instant(rs.getTimestamp("since"))),
                alliance, lab, alliance);
    }
}
