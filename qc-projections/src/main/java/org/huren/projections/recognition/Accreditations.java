package org.huren.projections.recognition;

import org.huren.domain.recognition.AccreditationFacts;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.huren.projections.support.Sql.instant;
import static org.huren.projections.support.Sql.ts;

/** Recognition's facts of accreditation (项目准入): each lab's accreditation periods per item, and withdrawals. */
final class Accreditations {

    static final List<String> TABLES = List.of("readmodel.rec_accreditation");

    private final JdbcTemplate jdbc;

    Accreditations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void accredit(String alliance, String lab, Collection<String> items, LocalDate validFrom, LocalDate validUntil,
                  String assessmentId, String eventId) {
        for (String item : items) {
            jdbc.update("""
                    INSERT INTO readmodel.rec_accreditation (alliance_id, lab_code, item_code, valid_from, valid_until,
                        assessment_id, event_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """, alliance, lab, item, validFrom, validUntil, assessmentId, eventId);
        }
    }

    void withdraw(String alliance, String lab, String item, Instant effectiveAt) {
        jdbc.update("UPDATE readmodel.rec_accreditation SET withdrawn_at = ? WHERE alliance_id = ? AND lab_code = ? "
                + "AND item_code = ? AND withdrawn_at IS NULL", ts(effectiveAt), alliance, lab, item);
    }

    /** Every lab's accreditations in the alliance. */
    Map<String, List<AccreditationFacts>> of(String alliance) {
        Map<String, List<AccreditationFacts>> accreditations = new HashMap<>();
        jdbc.query("SELECT * FROM readmodel.rec_accreditation WHERE alliance_id = ?", rs -> {
            accreditations.computeIfAbsent(rs.getString("lab_code"), k -> new ArrayList<>()).add(
                    new AccreditationFacts(rs.getString("item_code"), rs.getObject("valid_from", LocalDate.class),
                            rs.getObject("valid_until", LocalDate.class), instant(rs.getTimestamp("withdrawn_at")),
                            rs.getString("assessment_id"), rs.getString("event_id")));
        }, alliance);
        return accreditations;
    }
}
