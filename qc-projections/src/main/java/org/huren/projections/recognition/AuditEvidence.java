package org.huren.projections.recognition;

import org.huren.domain.recognition.MajorFinding;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.huren.projections.support.Sql.instant;
import static org.huren.projections.support.Sql.ts;

/**
 * Recognition's audit evidence (质控督查, 现场评估): which labs were audited, their major findings with each period a
 * finding was open (reopened: one more), and the items of findings on the EQA dimension, whose verified corrective
 * action is the EQA corrective action of those items.
 */
final class AuditEvidence {

    static final List<String> TABLES = List.of("readmodel.rec_audited", "readmodel.rec_finding",
            "readmodel.rec_eqa_finding");

    private final JdbcTemplate jdbc;

    AuditEvidence(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Answers whether the lab is audited in the alliance for the first time (its findings are known from now on). */
    boolean audited(String alliance, String lab) {
        return jdbc.update("INSERT INTO readmodel.rec_audited (alliance_id, lab_code) VALUES (?, ?) "
                + "ON CONFLICT DO NOTHING", alliance, lab) > 0;
    }

    void eqaFinding(String alliance, String lab, String auditId, String findingId, Collection<String> items) {
        jdbc.update("INSERT INTO readmodel.rec_eqa_finding (alliance_id, lab_code, finding_id, audit_id, item_codes) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", alliance, lab, findingId, auditId,
                items.toArray(String[]::new));
    }

    /** The items of the finding when it is on the EQA dimension. */
    Optional<List<String>> eqaFindingItems(String alliance, String auditId, String findingId) {
        return jdbc.query("SELECT item_codes FROM readmodel.rec_eqa_finding WHERE alliance_id = ? AND audit_id = ? "
                        + "AND finding_id = ?", (rs, i) -> List.of((String[]) rs.getArray("item_codes").getArray()),
                alliance, auditId, findingId).stream().findFirst();
    }

    void majorFinding(String alliance, String lab, String auditId, String findingId, Instant at,
                      Collection<String> items, String eventId) {
        jdbc.update("""
                INSERT INTO readmodel.rec_finding (alliance_id, lab_code, audit_id, finding_id, period, recorded_at,
                    item_codes, event_id)
                VALUES (?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT DO NOTHING
                """, alliance, lab, auditId, findingId, ts(at), items.toArray(String[]::new), eventId);
    }

    /** Closes the finding's open period; answers its items, or empty when it is no open major finding. */
    Optional<List<String>> verified(String alliance, String auditId, String findingId, Instant at) {
        Optional<List<String>> open = jdbc.query("SELECT item_codes FROM readmodel.rec_finding WHERE alliance_id = ? "
                        + "AND audit_id = ? AND finding_id = ? AND verified_at IS NULL",
                (rs, i) -> List.of((String[]) rs.getArray("item_codes").getArray()), alliance, auditId, findingId)
                .stream().findFirst();
        if (open.isPresent()) {
            jdbc.update("UPDATE readmodel.rec_finding SET verified_at = ? WHERE alliance_id = ? AND audit_id = ? "
                    + "AND finding_id = ? AND verified_at IS NULL", ts(at), alliance, auditId, findingId);
        }
        return open;
    }

    /** Opens a new period of the finding; answers its items, or empty when it is no major finding. */
    Optional<List<String>> reopened(String alliance, String lab, String auditId, String findingId, Instant at,
                                    String eventId) {
        record Period(int number, String[] items) {
        }
        Optional<Period> last = jdbc.query("SELECT period, item_codes FROM readmodel.rec_finding "
                        + "WHERE alliance_id = ? AND audit_id = ? AND finding_id = ? ORDER BY period DESC LIMIT 1",
                (rs, i) -> new Period(rs.getInt("period"), (String[]) rs.getArray("item_codes").getArray()),
                alliance, auditId, findingId).stream().findFirst();
        last.ifPresent(p -> jdbc.update("""
                INSERT INTO readmodel.rec_finding (alliance_id, lab_code, audit_id, finding_id, period, recorded_at,
                    item_codes, event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, alliance, lab, auditId, findingId, p.number() + 1, ts(at), p.items(), eventId));
        return last.map(p -> List.of(p.items()));
    }

    /** Every lab's major findings in the alliance, each period of a reopened one as a finding of its own. */
    Map<String, List<MajorFinding>> findings(String alliance) {
        Map<String, List<MajorFinding>> findings = new HashMap<>();
        jdbc.query("SELECT * FROM readmodel.rec_finding WHERE alliance_id = ?", rs -> {
            // the finding as QC managers find it: audit/finding, and #n for the n-th period after reopening
            String id = rs.getString("audit_id") + "/" + rs.getString("finding_id")
                    + (rs.getInt("period") > 1 ? "#" + rs.getInt("period") : "");
            findings.computeIfAbsent(rs.getString("lab_code"), k -> new ArrayList<>()).add(new MajorFinding(id,
                    instant(rs.getTimestamp("recorded_at")), instant(rs.getTimestamp("verified_at")),
                    Set.of((String[]) rs.getArray("item_codes").getArray()), rs.getString("event_id")));
        }, alliance);
        return findings;
    }

    Set<String> auditedLabs(String alliance) {
        return new HashSet<>(jdbc.queryForList("SELECT lab_code FROM readmodel.rec_audited WHERE alliance_id = ?",
                String.class, alliance));
    }
}
