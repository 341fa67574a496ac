package org.huren.projections.recognition;

import org.huren.domain.eqa.EqaHistory;
import org.huren.domain.eqa.EqaStandingVerdict;
import org.huren.domain.recognition.EqaStanding;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.huren.projections.support.Sql.instant;
import static org.huren.projections.support.Sql.ts;

/**
 * Recognition's EQA evidence (室间质评): each lab's graded rounds per item and its verified corrective actions, which
 * {@link EqaHistory} turns into the lab's standing for the item.
 */
final class EqaEvidence {

    static final List<String> TABLES = List.of("readmodel.rec_eqa_grade", "readmodel.rec_eqa_verified");

    private final JdbcTemplate jdbc;

    EqaEvidence(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record LabItem(String lab, String item) {
    }

    private record Grade(String roundId, Instant gradedAt, boolean satisfactory, String eventId) {
    }

    void graded(String alliance, String lab, String item, String roundId, Instant gradedAt, boolean satisfactory,
                String eventId) {
        jdbc.update("""
                INSERT INTO readmodel.rec_eqa_grade (alliance_id, lab_code, item_code, round_id, graded_at,
                    satisfactory, event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, alliance, lab, item, roundId, ts(gradedAt), satisfactory, eventId);
    }

    /**
     * A verified corrective action for the item; {@code findingRef} names the audit finding whose verification it is
     * (null for an EQA corrective action of its own).
     */
    void actionVerified(String alliance, String lab, String item, Instant at, String eventId, String findingRef) {
        jdbc.update("INSERT INTO readmodel.rec_eqa_verified (alliance_id, lab_code, item_code, verified_at, event_id, "
                + "finding_ref) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", alliance, lab, item, ts(at), eventId,
                findingRef);
    }

    /** The verifications an audit finding gave are taken back (it was reopened). */
    void verificationsTakenBack(String alliance, String findingRef) {
        jdbc.update("DELETE FROM readmodel.rec_eqa_verified WHERE alliance_id = ? AND finding_ref = ?", alliance,
                findingRef);
    }

    /** Each lab × item's standing after its latest graded round, as {@link EqaHistory} decides it. */
    Map<String, Map<String, EqaStanding>> standings(String alliance) {
        Map<LabItem, List<Grade>> rounds = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM readmodel.rec_eqa_grade WHERE alliance_id = ? ORDER BY graded_at, round_id", rs -> {
            rounds.computeIfAbsent(new LabItem(rs.getString("lab_code"), rs.getString("item_code")),
                    k -> new ArrayList<>()).add(new Grade(rs.getString("round_id"),
                    instant(rs.getTimestamp("graded_at")), rs.getBoolean("satisfactory"), rs.getString("event_id")));
        }, alliance);
        Map<LabItem, List<Instant>> verified = new HashMap<>();
        jdbc.query("SELECT * FROM readmodel.rec_eqa_verified WHERE alliance_id = ?", rs -> {
            verified.computeIfAbsent(new LabItem(rs.getString("lab_code"), rs.getString("item_code")),
                    k -> new ArrayList<>()).add(instant(rs.getTimestamp("verified_at")));
        }, alliance);
        Map<String, Map<String, EqaStanding>> standings = new HashMap<>();
        rounds.forEach((key, grades) -> {
            EqaStandingVerdict verdict = EqaHistory.standing(grades.stream()
                    .map(g -> new EqaHistory.GradedRound(g.gradedAt(), g.satisfactory())).toList(),
                    verified.getOrDefault(key, List.of()));
            Grade latest = grades.get(grades.size() - 1);
            standings.computeIfAbsent(key.lab(), k -> new HashMap<>()).put(key.item(), new EqaStanding(
                    latest.roundId(), latest.gradedAt(), latest.satisfactory(),
                    verdict == EqaStandingVerdict.UNSUCCESSFUL, latest.eventId()));
        });
        return standings;
    }
}
