package org.huren.projections.recognition;

import org.huren.domain.recognition.RecognitionStatus;
import org.huren.projections.support.RowSet;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.huren.projections.support.Sql.instant;

/**
 * The decisions (互认结论): each result's current decision per alliance ({@code recognition}), every change of status
 * with its cause ({@code recognition_change}), and the narrow reuse index {@code $reusable} and the rates read
 * ({@code rec_reusable}). Written in sets ({@link DecisionSet}): a handful of statements per event batch.
 */
final class Decisions {

    static final List<String> TABLES = List.of("readmodel.recognition", "readmodel.recognition_change",
            "readmodel.rec_reusable");

    record Key(String resultId, String allianceId) {
    }

    /** A decision as kept: status, since when, whether ever recognized, last withdrawn, criteria JSON, cause. */
    record Row(String resultId, String allianceId, RecognitionStatus status, boolean everRecognized, Instant since,
               Instant withdrawnAt, String itemCode, String criteria, String causeEventId, String causeType) {

        Key key() {
            return new Key(resultId, allianceId);
        }
    }

    private static final String COLUMNS = "result_id, alliance_id, status, ever_recognized, since, withdrawn_at, "
            + "item_code, criteria, cause_event_id, cause_type, failing, not_yet_known";
    private static final String UNNEST_DECISIONS = """
            unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                   ?::text[], ?::text[], ?::text[])
                AS u(result_id, alliance_id, status, ever_recognized, since, withdrawn_at, item_code, criteria,
                     cause_event_id, cause_type, failing, not_yet_known)
            """;
    static final String INSERT = "INSERT INTO readmodel.recognition (" + COLUMNS + ") "
            + "SELECT u.result_id, u.alliance_id, u.status, u.ever_recognized::boolean, u.since::timestamptz, "
            + "u.withdrawn_at::timestamptz, u.item_code, u.criteria, u.cause_event_id, u.cause_type, "
            + "string_to_array(u.failing, ' '), string_to_array(u.not_yet_known, ' ') FROM " + UNNEST_DECISIONS
            + " ON CONFLICT (result_id, alliance_id) DO NOTHING";
    static final String UPDATE = "UPDATE readmodel.recognition d SET status = u.status, "
            + "ever_recognized = u.ever_recognized::boolean, since = u.since::timestamptz, "
            + "withdrawn_at = u.withdrawn_at::timestamptz, item_code = u.item_code, criteria = u.criteria, "
            + "cause_event_id = u.cause_event_id, cause_type = u.cause_type, "
            + "failing = string_to_array(u.failing, ' '), not_yet_known = string_to_array(u.not_yet_known, ' ') "
            + "FROM " + UNNEST_DECISIONS + " WHERE d.result_id = u.result_id AND d.alliance_id = u.alliance_id";
    /** In the order of the arrays: {@code seq} orders a result's changes, several may share one time. */
    static final String CHANGE = """
            INSERT INTO readmodel.recognition_change (result_id, alliance_id, status, at, criteria, cause_event_id,
                cause_type, item_code, ever_recognized, withdrawn_at)
            SELECT u.result_id, u.alliance_id, u.status, u.at::timestamptz, u.criteria, u.cause_event_id, u.cause_type,
                u.item_code, u.ever_recognized::boolean, u.withdrawn_at::timestamptz
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[]) WITH ORDINALITY
                AS u(result_id, alliance_id, status, at, criteria, cause_event_id, cause_type, item_code,
                     ever_recognized, withdrawn_at, n)
            ORDER BY u.n
            """;
    /**
     * New decisions and their first change in one statement, the criteria sent once: what most sets hold (a new
     * result's first decision). The change is the decision as it is, at its {@code since}.
     */
    static final String INSERT_WITH_CHANGE = "WITH u AS (SELECT * FROM " + UNNEST_DECISIONS.replace(
            "AS u(result_id", "WITH ORDINALITY AS u(result_id").replace("not_yet_known)", "not_yet_known, n)")
            + "), d AS (" + INSERT.replace("FROM " + UNNEST_DECISIONS, "FROM u") + ") "
            + "INSERT INTO readmodel.recognition_change (result_id, alliance_id, status, at, criteria, cause_event_id, "
            + "cause_type, item_code, ever_recognized, withdrawn_at) "
            + "SELECT u.result_id, u.alliance_id, u.status, u.since::timestamptz, u.criteria, u.cause_event_id, "
            + "u.cause_type, u.item_code, u.ever_recognized::boolean, u.withdrawn_at::timestamptz FROM u ORDER BY u.n";
    static final String REUSABLE = """
            INSERT INTO readmodel.rec_reusable (result_id, alliance_id, patient_id, item_code, effective_at, lab_id,
                status, ever_recognized, blind)
            SELECT u.result_id, u.alliance_id, u.patient_id, u.item_code, u.effective_at::timestamptz, u.lab_id,
                u.status, u.ever_recognized::boolean, u.blind::boolean
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[])
                AS u(result_id, alliance_id, patient_id, item_code, effective_at, lab_id, status, ever_recognized,
                     blind)
            ON CONFLICT (result_id, alliance_id) DO UPDATE SET patient_id = excluded.patient_id,
                item_code = excluded.item_code, effective_at = excluded.effective_at, status = excluded.status,
                ever_recognized = rec_reusable.ever_recognized OR excluded.ever_recognized
            """;

    private final JdbcTemplate jdbc;
    private final Results results;

    Decisions(JdbcTemplate jdbc, Results results) {
        this.jdbc = jdbc;
        this.results = results;
    }

    /** The current decisions of these results in these alliances (absent: none yet). */
    Map<Key, Row> current(Collection<Key> keys) {
        Map<Key, Row> current = new HashMap<>();
        if (keys.isEmpty()) {
            return current;
        }
        jdbc.query("""
                SELECT d.* FROM unnest(?::text[], ?::text[]) AS k(result_id, alliance_id)
                JOIN readmodel.recognition d ON d.result_id = k.result_id AND d.alliance_id = k.alliance_id
                """, rs -> {
            Row row = row(rs, "", rs.getString("result_id"), rs.getString("alliance_id"));
            current.put(row.key(), row);
        }, keys.stream().map(Key::resultId).toArray(String[]::new),
                keys.stream().map(Key::allianceId).toArray(String[]::new));
        return current;
    }

    /** Writes the set: results, decisions, their changes in order, the reuse index. */
    void write(DecisionSet set, Set<String> poisoned) {
        results.upserts(set.results(), set::causeOf).write(jdbc, poisoned);
        set.insertsWithTheirChange().write(jdbc, poisoned);
        set.inserts().write(jdbc, poisoned);
        set.updates().write(jdbc, poisoned);
        set.changes().write(jdbc, poisoned);
        set.reusable().write(jdbc, poisoned);
    }

    /** A decision row from columns named {@code prefix} + the table's column names. */
    static Row row(ResultSet rs, String prefix, String resultId, String alliance) throws SQLException {
        return new Row(resultId, alliance, RecognitionStatus.valueOf(rs.getString(prefix + "status")),
                rs.getBoolean(prefix + "ever_recognized"), instant(rs.getTimestamp(prefix + "since")),
                instant(rs.getTimestamp(prefix + "withdrawn_at")), rs.getString(prefix + "item_code"),
                rs.getString(prefix + "criteria"), rs.getString(prefix + "cause_event_id"),
                rs.getString(prefix + "cause_type"));
    }
}
