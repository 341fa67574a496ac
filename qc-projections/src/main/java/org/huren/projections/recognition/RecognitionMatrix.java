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
 * keeps ({@link RecognitionProjection}): one grouped pass over the alliance's reuse index and, per cell, the newest
 * result's decision. Its own class: the projection is large enough.
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
                query.allianceId(), query.requestingLab(), query.allianceId());
    }
}
