package org.huren.projections.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.audit.AuditClosed;
import org.huren.domain.audit.AuditOpened;
import org.huren.domain.audit.CorrectiveActionAssigned;
import org.huren.domain.audit.CorrectiveActionOverdue;
import org.huren.domain.audit.CorrectiveActionRejected;
import org.huren.domain.audit.CorrectiveActionSubmitted;
import org.huren.domain.audit.CorrectiveActionVerified;
import org.huren.domain.audit.FindingRecorded;
import org.huren.domain.audit.FindingReopened;
import org.huren.domain.audit.query.AuditTrail;
import org.huren.domain.audit.query.FindingView;
import org.huren.domain.audit.query.GetAuditTrail;
import org.huren.domain.audit.query.GetFindingHeatMap;
import org.huren.domain.audit.query.GetTimeToClose;
import org.huren.domain.audit.query.HeatCell;
import org.huren.domain.audit.query.ListFindings;
import org.huren.domain.audit.query.ListOverdueActions;
import org.huren.domain.audit.query.TimeToClose;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.huren.projections.support.Sql.instant;
import static org.huren.projections.support.Sql.ts;

/**
 * Audits for QC managers: findings and where their corrective actions stand (open, overdue), time to close per
 * severity, the lab × dimension heat map by month, and each audit's full trail — every step with who, when and
 * the event behind it.
 */
@Component
@ProcessingGroup(AuditProjection.GROUP)
public class AuditProjection {

    public static final String GROUP = "audit";

    private static final RowMapper<FindingView> FINDING = (rs, i) -> new FindingView(rs.getString("audit_id"),
            rs.getString("finding_id"), rs.getString("lab_code"), rs.getString("dimension"),
            rs.getString("severity"), rs.getString("description"),
            List.of((String[]) rs.getArray("affected_items").getArray()), instant(rs.getTimestamp("recorded_at")),
            rs.getString("state"), rs.getString("owner"), rs.getObject("due_date", LocalDate.class),
            rs.getBoolean("overdue"), instant(rs.getTimestamp("verified_at")), rs.getString("event_id"));

    private final JdbcTemplate jdbc;

    public AuditProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AuditOpened event, @Timestamp Instant at, EventMessage<?> message) {
        jdbc.update("""
                INSERT INTO readmodel.audit (audit_id, alliance_id, lab_code, kind, auditors, audit_date, dimensions,
                    item_codes, opened_by, opened_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, event.auditId(), event.allianceId(), event.labCode(), event.kind().name(),
                event.auditors().toArray(String[]::new), event.auditDate(),
                event.dimensions().stream().map(Enum::name).toArray(String[]::new),
                event.itemCodes().toArray(String[]::new), event.openedBy(), ts(at));
        step(event.auditId(), null, "AUDIT_OPENED", event.openedBy(), at, event.kind() + " audit of "
                + event.labCode() + " on " + event.auditDate() + " by " + String.join(", ", event.auditors()), message);
    }

    @EventHandler
    void on(FindingRecorded event, @Timestamp Instant at, EventMessage<?> message) {
        jdbc.update("""
                INSERT INTO readmodel.audit_finding (finding_id, audit_id, alliance_id, lab_code, dimension, severity,
                    description, affected_items, recorded_at, state, event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'NONE', ?) ON CONFLICT DO NOTHING
                """, event.findingId(), event.auditId(), event.allianceId(), event.labCode(), event.dimension().name(),
                event.severity().name(), event.description(), event.affectedItems().toArray(String[]::new), ts(at),
                message.getIdentifier());
        step(event.auditId(), event.findingId(), "FINDING_RECORDED", event.recordedBy(), at, event.severity() + " "
                + event.dimension() + ": " + event.description() + (event.affectedItems().isEmpty() ? " (whole lab)"
                : " (" + String.join(", ", event.affectedItems()) + ")"), message);
    }

    @EventHandler
    void on(CorrectiveActionAssigned event, @Timestamp Instant at, EventMessage<?> message) {
        state(event.auditId(), event.findingId(), null);
        jdbc.update("UPDATE readmodel.audit_finding SET owner = ?, due_date = ?, overdue = false, state = 'ASSIGNED' "
                        + "WHERE audit_id = ? AND finding_id = ?", event.owner(), event.dueDate(), event.auditId(),
                event.findingId());
        step(event.auditId(), event.findingId(), "ACTION_ASSIGNED", event.assignedBy(), at, "owner " + event.owner()
                + ", due " + event.dueDate(), message);
    }

    @EventHandler
    void on(CorrectiveActionSubmitted event, @Timestamp Instant at, EventMessage<?> message) {
        state(event.auditId(), event.findingId(), "SUBMITTED");
        step(event.auditId(), event.findingId(), "ACTION_SUBMITTED", event.submittedBy(), at, event.response()
                + (event.evidence().isEmpty() ? "" : " — evidence " + String.join(", ", event.evidence())), message);
    }

    @EventHandler
    void on(CorrectiveActionRejected event, @Timestamp Instant at, EventMessage<?> message) {
        state(event.auditId(), event.findingId(), "REJECTED");
        step(event.auditId(), event.findingId(), "ACTION_REJECTED", event.rejectedBy(), at, event.reason(), message);
    }

    @EventHandler
    void on(CorrectiveActionVerified event, @Timestamp Instant at, EventMessage<?> message) {
        jdbc.update("UPDATE readmodel.audit_finding SET state = 'VERIFIED', verified_at = ?, overdue = false "
                + "WHERE audit_id = ? AND finding_id = ?", ts(at), event.auditId(), event.findingId());
        step(event.auditId(), event.findingId(), "ACTION_VERIFIED", event.verifiedBy(), at, event.note(), message);
    }

    @EventHandler
    void on(FindingReopened event, @Timestamp Instant at, EventMessage<?> message) {
        jdbc.update("UPDATE readmodel.audit_finding SET state = 'NONE', verified_at = NULL, owner = NULL, "
                + "due_date = NULL WHERE audit_id = ? AND finding_id = ?", event.auditId(), event.findingId());
        step(event.auditId(), event.findingId(), "FINDING_REOPENED", event.reopenedBy(), at, event.reason(), message);
    }

    @EventHandler
    void on(CorrectiveActionOverdue event, @Timestamp Instant at, EventMessage<?> message) {
        jdbc.update("UPDATE readmodel.audit_finding SET overdue = true WHERE audit_id = ? AND finding_id = ?",
                event.auditId(), event.findingId());
        step(event.auditId(), event.findingId(), "ACTION_OVERDUE", null, at, "not verified by " + event.dueDate(),
                message);
    }

    @EventHandler
    void on(AuditClosed event, @Timestamp Instant at, EventMessage<?> message) {
        jdbc.update("UPDATE readmodel.audit SET closed_at = ?, summary = ? WHERE audit_id = ?", ts(at),
                event.summary(), event.auditId());
        step(event.auditId(), null, "AUDIT_CLOSED", event.closedBy(), at, event.summary(), message);
    }

    private void state(String auditId, String findingId, String state) {
        if (state != null) {
            jdbc.update("UPDATE readmodel.audit_finding SET state = ? WHERE audit_id = ? AND finding_id = ?", state,
                    auditId, findingId);
        }
    }

    private void step(String auditId, String findingId, String step, String who, Instant at, String detail,
                      EventMessage<?> message) {
        jdbc.update("INSERT INTO readmodel.audit_trail (audit_id, finding_id, step, who, at, detail, event_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", auditId, findingId, step, who, ts(at), detail, message.getIdentifier());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE readmodel.audit, readmodel.audit_finding, readmodel.audit_trail");
    }

    // ------------------------------------------------------------------ queries

    @QueryHandler
    public List<FindingView> findings(ListFindings query) {
        return jdbc.query("""
                SELECT * FROM readmodel.audit_finding WHERE alliance_id = ?
                  AND (?::text IS NULL OR lab_code = ?) AND (?::text IS NULL OR dimension = ?)
                  AND (?::text IS NULL OR severity = ?) AND (NOT ? OR state <> 'VERIFIED')
                ORDER BY recorded_at
                """, FINDING, query.allianceId(), query.labCode(), query.labCode(), query.dimension(),
                query.dimension(), query.severity(), query.severity(), query.openOnly());
    }

    @QueryHandler
    public List<FindingView> overdue(ListOverdueActions query) {
        return jdbc.query("SELECT * FROM readmodel.audit_finding WHERE alliance_id = ? AND overdue "
                + "AND state <> 'VERIFIED' ORDER BY due_date", FINDING, query.allianceId());
    }

    @QueryHandler
    public List<TimeToClose> timeToClose(GetTimeToClose query) {
        return jdbc.query("""
                SELECT severity, count(*) AS findings, count(verified_at) AS closed,
                    avg(extract(epoch FROM verified_at - recorded_at) / 86400) AS mean_days,
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM verified_at - recorded_at) / 86400)
                        AS median_days,
                    max(extract(epoch FROM verified_at - recorded_at) / 86400) AS max_days
                FROM readmodel.audit_finding WHERE alliance_id = ? GROUP BY severity ORDER BY severity
                """, (rs, i) -> new TimeToClose(rs.getString("severity"), rs.getLong("findings"), rs.getLong("closed"),
                days(rs.getBigDecimal("mean_days")), days(rs.getBigDecimal("median_days")),
                days(rs.getBigDecimal("max_days"))), query.allianceId());
    }

    private static BigDecimal days(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    @QueryHandler
    public List<HeatCell> heatMap(GetFindingHeatMap query) {
        return jdbc.query("""
                SELECT lab_code, dimension, to_char(recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
                    count(*) AS findings, count(*) FILTER (WHERE severity = 'MAJOR') AS major
                FROM readmodel.audit_finding WHERE alliance_id = ?
                GROUP BY lab_code, dimension, month ORDER BY lab_code, dimension, month
                """, (rs, i) -> new HeatCell(rs.getString("lab_code"), rs.getString("dimension"),
                rs.getString("month"), rs.getLong("findings"), rs.getLong("major")), query.allianceId());
    }

    @QueryHandler
    public Optional<AuditTrail> trail(GetAuditTrail query) {
        return jdbc.query("SELECT * FROM readmodel.audit WHERE audit_id = ?", (rs, i) -> new AuditTrail(
                rs.getString("audit_id"), rs.getString("alliance_id"), rs.getString("lab_code"), rs.getString("kind"),
                List.of((String[]) rs.getArray("auditors").getArray()), rs.getObject("audit_date", LocalDate.class),
                List.of((String[]) rs.getArray("dimensions").getArray()),
                List.of((String[]) rs.getArray("item_codes").getArray()), instant(rs.getTimestamp("opened_at")),
                instant(rs.getTimestamp("closed_at")),
                jdbc.query("SELECT * FROM readmodel.audit_finding WHERE audit_id = ? ORDER BY recorded_at", FINDING,
                        query.auditId()),
                jdbc.query("SELECT * FROM readmodel.audit_trail WHERE audit_id = ? ORDER BY seq",
                        (s, j) -> new AuditTrail.Step(s.getString("finding_id"), s.getString("step"),
                                s.getString("who"), instant(s.getTimestamp("at")), s.getString("detail"),
                                s.getString("event_id")), query.auditId())), query.auditId()).stream().findFirst();
    }
}
