package org.huren.projections.recognition;

import org.huren.domain.iqc.ControlCv;
import org.huren.domain.iqc.ControlResult;
import org.huren.domain.iqc.RunStatus;
import org.huren.domain.recognition.IqcMonthlyCv;
import org.huren.domain.recognition.IqcOutcome;
import org.huren.domain.recognition.IqcRun;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.huren.projections.support.Sql.instant;
import static org.huren.projections.support.Sql.ts;

/**
 * Recognition's IQC evidence (室内质控): which lab × item series exist, their evaluated runs, and the control values
 * the monthly CV is judged from ({@link ControlCv}). Read for a set of series at once.
 */
final class IqcEvidence {

    static final List<String> TABLES = List.of("readmodel.rec_iqc_series", "readmodel.rec_iqc_run",
            "readmodel.rec_iqc_point");

    /** A lab's IQC series of one item. */
    record LabItem(String lab, String item) {
    }

    /** The control values of a series in one month (yyyy-MM, China Standard Time). */
    record LabItemMonth(String lab, String item, String month) {
    }

    private final JdbcTemplate jdbc;

    IqcEvidence(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void lotRegistered(String lab, String item) {
        jdbc.update("INSERT INTO readmodel.rec_iqc_series (lab_code, item_code) VALUES (?, ?) ON CONFLICT DO NOTHING",
                lab, item);
    }

    void recorded(String lab, String item, String runId, Instant runAt, List<ControlResult> results,
                  Map<String, String> lots) {
        String month = ControlCv.monthOf(runAt);
        for (ControlResult result : results) {
            jdbc.update("INSERT INTO readmodel.rec_iqc_point (lab_code, item_code, run_id, level, lot, month, value) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", lab, item, runId, result.level(),
                    lots.get(result.level()), month, result.value());
        }
    }

    void evaluated(String lab, String item, String runId, Instant runAt, RunStatus status, String eventId) {
        jdbc.update("""
                INSERT INTO readmodel.rec_iqc_run (lab_code, item_code, run_id, run_at, status, event_id)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (lab_code, item_code, run_id) DO UPDATE SET status = excluded.status,
                    event_id = excluded.event_id
                """, lab, item, runId, ts(runAt), status.name(), eventId);
    }

    /** The time of the series' last accepted run before {@code at}; the epoch when there is none. */
    Instant lastAcceptedBefore(String lab, String item, Instant at) {
        Instant since = jdbc.queryForObject("SELECT max(run_at) FROM readmodel.rec_iqc_run WHERE lab_code = ? "
                + "AND item_code = ? AND status = 'ACCEPTED' AND run_at < ?", (rs, i) -> instant(rs.getTimestamp(1)),
                lab, item, ts(at));
        return since == null ? Instant.EPOCH : since;
    }

    /**
     * The evaluated runs of each series, in run order, from the last run at or before the series' {@code from}
     * instant on (every run when there is none): whatever IQC_IN_CONTROL asks of a result measured and decided no
     * earlier than {@code from} — its bracketing run and the runs after it — without the series' older history.
     * A series without a registered lot is absent: its IQC is not yet known.
     */
    Map<LabItem, List<IqcRun>> runs(Map<LabItem, Instant> from) {
        Map<LabItem, List<IqcRun>> runs = new LinkedHashMap<>();
        if (from.isEmpty()) {
            return runs;
        }
        String[] labs = from.keySet().stream().map(LabItem::lab).toArray(String[]::new);
        String[] items = from.keySet().stream().map(LabItem::item).toArray(String[]::new);
        String[] instants = from.values().stream().map(Instant::toString).toArray(String[]::new);
        jdbc.query("""
                SELECT s.lab_code, s.item_code FROM readmodel.rec_iqc_series s
                JOIN unnest(?::text[], ?::text[]) AS k(lab_code, item_code)
                  ON s.lab_code = k.lab_code AND s.item_code = k.item_code
                """, rs -> {
            runs.put(new LabItem(rs.getString(1), rs.getString(2)), new ArrayList<>());
        }, labs, items);
        jdbc.query("""
                SELECT r.* FROM unnest(?::text[], ?::text[], ?::timestamptz[]) AS k(lab_code, item_code, from_at)
                JOIN readmodel.rec_iqc_run r ON r.lab_code = k.lab_code AND r.item_code = k.item_code
                WHERE r.run_at >= coalesce((SELECT max(p.run_at) FROM readmodel.rec_iqc_run p
                                            WHERE p.lab_code = k.lab_code AND p.item_code = k.item_code
                                              AND p.run_at <= k.from_at), '-infinity')
                ORDER BY r.lab_code, r.item_code, r.run_at, r.run_id
                """, rs -> {
            List<IqcRun> series = runs.get(new LabItem(rs.getString("lab_code"), rs.getString("item_code")));
            if (series != null) {
                series.add(new IqcRun(rs.getString("run_id"), instant(rs.getTimestamp("run_at")),
                        IqcOutcome.valueOf(rs.getString("status")), rs.getString("event_id")));
            }
        }, labs, items, instants);
        return runs;
    }

    /**
     * The CV per control level and lot of each series' month, as {@link ControlCv} judges it: levels and lots without
     * a judged CV yet are left out.
     */
    Map<LabItemMonth, List<IqcMonthlyCv>> monthlyCv(Collection<LabItemMonth> months) {
        Map<LabItemMonth, Map<String, List<ControlCv.Value>>> values = new LinkedHashMap<>();
        if (!months.isEmpty()) {
            Set<LabItemMonth> keys = new HashSet<>(months);
            jdbc.query("""
                    SELECT p.lab_code, p.item_code, p.month, p.level || ' (' || p.lot || ')' AS level, p.value, r.status
                    FROM unnest(?::text[], ?::text[], ?::text[]) AS k(lab_code, item_code, month)
                    JOIN readmodel.rec_iqc_point p
                      ON p.lab_code = k.lab_code AND p.item_code = k.item_code AND p.month = k.month
                    LEFT JOIN readmodel.rec_iqc_run r ON r.lab_code = p.lab_code AND r.item_code = p.item_code
                        AND r.run_id = p.run_id
                    ORDER BY p.lab_code, p.item_code, p.month, p.level, p.lot, p.run_id
                    """, rs -> {
                values.computeIfAbsent(new LabItemMonth(rs.getString("lab_code"), rs.getString("item_code"),
                                rs.getString("month")), k -> new LinkedHashMap<>())
                        .computeIfAbsent(rs.getString("level"), k -> new ArrayList<>())
                        .add(new ControlCv.Value(rs.getBigDecimal("value"), rs.getString("status") == null ? null
                                : RunStatus.valueOf(rs.getString("status"))));
            }, keys.stream().map(LabItemMonth::lab).toArray(String[]::new),
                    keys.stream().map(LabItemMonth::item).toArray(String[]::new),
                    keys.stream().map(LabItemMonth::month).toArray(String[]::new));
        }
        Map<LabItemMonth, List<IqcMonthlyCv>> judged = new HashMap<>();
        for (LabItemMonth key : months) {
            List<IqcMonthlyCv> cvs = new ArrayList<>();
            values.getOrDefault(key, Map.of()).forEach((level, levelValues) -> {
                ControlCv.Figures figures = ControlCv.of(levelValues);
                if (figures.cvPercent() != null) {
                    cvs.add(new IqcMonthlyCv(key.month(), level, figures.cvPercent(), figures.n()));
                }
            });
            judged.put(key, cvs);
        }
        return judged;
    }
}
