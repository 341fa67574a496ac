package org.huren.projections.recognition;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.reuse.ReuseOutcomeRecorded;
import org.huren.domain.reuse.query.GetReuseKpis;
import org.huren.domain.reuse.query.GetReuseSummary;
import org.huren.domain.reuse.query.ReuseKpi;
import org.huren.domain.reuse.query.ReuseSummary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.huren.projections.support.Sql.ts;

/** What clinicians did with recognized results, kept beside the decisions for the recognition KPIs. */
@Component
@ProcessingGroup(RecognitionProjection.GROUP)
public class ReuseOutcomeProjection {

    private final JdbcTemplate jdbc;

    public ReuseOutcomeProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReuseOutcomeRecorded event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO readmodel.reuse_outcome (outcome_id, alliance_id, clinician, department, ordering_lab,
                    patient_identifier, item_code, result_id, choice, reason, reason_text, patient_informed, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, event.outcomeId(), event.allianceId(), event.clinician(), event.department(), event.orderingLab(),
                event.patientIdentifier(), event.itemCode(), event.resultId(), event.choice().name(),
                event.reason() == null ? null : event.reason().name(), event.reasonText(), event.patientInformed(),
                ts(at));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE readmodel.reuse_outcome");
    }

    @QueryHandler
    public List<ReuseKpi> kpis(GetReuseKpis query) {
        String group = switch (query.by()) {
            case LAB -> "coalesce(ordering_lab, '?')";
            case DEPARTMENT -> "coalesce(department, '?')";
            case ITEM -> "item_code";
            case MONTH -> "to_char(recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')";
        };
        return jdbc.query("SELECT " + group + " AS grp, count(*) AS reminders, "
                        + "count(*) FILTER (WHERE choice = 'REUSED') AS reused, "
                        + "count(*) FILTER (WHERE choice = 'RETESTED') AS retested "
                        + "FROM readmodel.reuse_outcome WHERE alliance_id = ? GROUP BY grp ORDER BY grp",
                (rs, i) -> {
                    long reminders = rs.getLong("reminders");
                    long reused = rs.getLong("reused");
                    return new ReuseKpi(rs.getString("grp"), reminders, reused, rs.getLong("retested"),
                            reminders == 0 ? null : BigDecimal.valueOf(reused * 100L)
                                    .divide(BigDecimal.valueOf(reminders), 2, RoundingMode.HALF_UP));
                }, query.allianceId());
    }

    @QueryHandler
    public ReuseSummary summary(GetReuseSummary query) {
        Map<String, Long> byReason = new LinkedHashMap<>();
        long[] counts = new long[2];
        jdbc.query("SELECT choice, reason, count(*) AS n FROM readmodel.reuse_outcome WHERE alliance_id = ? "
                + "GROUP BY choice, reason ORDER BY choice, reason", rs -> {
            long n = rs.getLong("n");
            if ("REUSED".equals(rs.getString("choice"))) {
                counts[0] += n;
            } else {
                counts[1] += n;
                byReason.put(rs.getString("reason"), n);
            }
        }, query.allianceId());
        return new ReuseSummary(query.allianceId(), counts[0], counts[1], byReason);
    }
}
