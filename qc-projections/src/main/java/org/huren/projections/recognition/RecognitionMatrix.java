package org.huren.projections.recognition;

import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.recognition.query.GetRecognitionMatrix;
import org.huren.domain.recognition.query.RecognitionCell;
import org.huren.domain.recognition.query.ResultTag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

import static org.huren.projections.support.Sql.instant;

/**
 * The recognition matrix (lab × item) of an alliance, read from the decisions the {@code recognition} processor
 * keeps ({@link RecognitionProjection}): each cell's counts from the alliance's tally ({@code rec_tally}, kept by the
 * database from every change of the reuse index, ADR 0023) and its newest result's decision, the first entry of the
 * cell in the reuse index's {@code rec_reusable_cell_idx}. Its own class: the projection is large enough.
 */
@Component
public class RecognitionMatrix {

    private final JdbcTemplate jdbc;

    public RecognitionMatrix(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public List<RecognitionCell> matrix(GetRecognitionMatrix query) {
        return jdbc.query("""
                WITH cell AS (
                    SELECT t.lab_id, t.item_code, sum(t.results) AS results, sum(t.recognized) AS recognized,
                           sum(t.never) AS never, sum(t.withdrawn) AS withdrawn, sum(t.pending) AS pending
                    FROM readmodel.rec_tally t
                    WHERE t.alliance_id = ? AND t.item_code <> '' AND %s
                    GROUP BY t.lab_id, t.item_code
                    HAVING sum(t.results) > 0)
                SELECT cell.*, newest.result_id AS latest, d.status, d.ever_recognized, d.since
                FROM cell
                CROSS JOIN LATERAL (SELECT r.result_id FROM readmodel.rec_reusable r
                                    WHERE r.alliance_id = ? AND r.lab_id = cell.lab_id AND r.item_code = cell.item_code
                                      AND %s
                                    ORDER BY r.effective_at DESC NULLS LAST, r.result_id
                                    LIMIT 1) newest
                JOIN readmodel.recognition d ON d.result_id = newest.result_id AND d.alliance_id = ?
                ORDER BY cell.lab_id, cell.item_code
                """.formatted(RecognitionQueries.countsFor("t"), RecognitionQueries.countsFor("r")),
                (rs, i) -> new RecognitionCell(rs.getString("lab_id"), rs.getString("item_code"),
                        rs.getLong("results"), rs.getLong("recognized"), rs.getLong("never"), rs.getLong("withdrawn"),
                        rs.getLong("pending"), rs.getString("latest"),
                        ResultTag.ofRecognition(rs.getString("status"), rs.getBoolean("ever_recognized")),
                        instant(rs.getTimestamp("since"))),
                query.allianceId(), query.requestingLab(), query.allianceId(), query.requestingLab(),
                query.allianceId());
    }
}
