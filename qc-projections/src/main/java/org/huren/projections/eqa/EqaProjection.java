package org.huren.projections.eqa;

import com.fasterxml.jackson.core.type.TypeReference;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.common.Identifier;
import org.huren.domain.eqa.BlindSampleCodes;
import org.huren.domain.eqa.EqaCorrectiveActionVerified;
import org.huren.domain.eqa.EqaHistory;
import org.huren.domain.eqa.EqaItemGraded;
import org.huren.domain.eqa.EqaResultRefused;
import org.huren.domain.eqa.EqaResultSubmitted;
import org.huren.domain.eqa.EqaRoundGraded;
import org.huren.domain.eqa.EqaRoundOpened;
import org.huren.domain.eqa.RoundItem;
import org.huren.domain.eqa.RoundSample;
import org.huren.domain.eqa.SampleGrade;
import org.huren.domain.eqa.query.EqaCorrectiveActionView;
import org.huren.domain.eqa.query.EqaHistoryEntry;
import org.huren.domain.eqa.query.EqaPassRate;
import org.huren.domain.eqa.query.EqaRoundResults;
import org.huren.domain.eqa.query.EqaRoundView;
import org.huren.domain.eqa.query.FlightInspectionDetail;
import org.huren.domain.eqa.query.FlightInspectionOutcome;
import org.huren.domain.eqa.query.GetFlightInspection;
import org.huren.domain.eqa.query.GetEqaCorrectiveAction;
import org.huren.domain.eqa.query.GetEqaHistory;
import org.huren.domain.eqa.query.GetEqaPassRates;
import org.huren.domain.eqa.query.GetEqaRound;
import org.huren.domain.eqa.query.GetEqaRoundResults;
import org.huren.domain.eqa.query.ListEqaRounds;
import org.huren.domain.eqa.query.ListFlightInspections;
import org.huren.projections.support.Json;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.huren.projections.support.Sql.instant;
import static org.huren.projections.support.Sql.ts;

/**
 * EQA for QC managers: rounds (assigned values served only once graded), results tables, grades with the standing
 * each left the lab in, the history per lab × item with its trend, pass rates per item and flight inspections.
 */
@Component
@ProcessingGroup(EqaProjection.GROUP)
public class EqaProjection {

    public static final String GROUP = "eqa";

    private static final String FLIGHT_INSPECTION = "FLIGHT_INSPECTION";


    private final JdbcTemplate jdbc;

    public EqaProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EqaRoundOpened event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO readmodel.eqa_round (round_id, alliance_id, kind, provider, title, participants, deadline,
                    rule_set, opened_by, opened_at, items, samples, pseudo_patient)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb) ON CONFLICT DO NOTHING
                """, event.roundId(), event.allianceId(), event.kind().name(), event.provider().name(), event.title(),
                event.participants().toArray(String[]::new), ts(event.deadline()), event.ruleSet(), event.openedBy(),
                ts(at), Json.write(event.items()), Json.write(event.samples()),
                event.pseudoPatient() == null ? null : Json.write(event.pseudoPatient()));
    }

    @EventHandler
    void on(EqaResultSubmitted event) {
        jdbc.update("""
                INSERT INTO readmodel.eqa_submission (round_id, lab_code, sample_code, item_code, value, category,
                    submitted_at, submitted_by, channel, source_result_id, versions, uncertainty)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
                ON CONFLICT (round_id, lab_code, sample_code, item_code) DO UPDATE SET value = excluded.value,
                    category = excluded.category, submitted_at = excluded.submitted_at,
                    uncertainty = excluded.uncertainty,
                    submitted_by = excluded.submitted_by, channel = excluded.channel,
                    source_result_id = excluded.source_result_id, versions = eqa_submission.versions + 1
                """, event.roundId(), event.labCode(), event.sampleCode(), event.itemCode(), event.value(),
                event.category(), ts(event.submittedAt()), event.submittedBy(), event.channel().name(),
                event.sourceResultId(), event.uncertainty());
    }

    @EventHandler
    void on(EqaResultRefused event) {
        jdbc.update("""
                INSERT INTO readmodel.eqa_refusal (round_id, lab_code, sample_code, code, reason, detail, at, channel,
                    source_result_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, event.roundId(), event.labCode(), event.sampleCode(), event.code(), event.reason(),
                event.detail(), ts(event.at()), event.channel().name(), event.sourceResultId());
    }

    @EventHandler
    void on(EqaItemGraded event, EventMessage<?> message) {
        // the lab × item's rounds in the order recognition judges them: by grading time, then round id
        List<EqaHistory.GradedRound> rounds = new ArrayList<>(jdbc.query("""
                SELECT graded_at, satisfactory FROM readmodel.eqa_grade
                WHERE alliance_id = ? AND lab_code = ? AND item_code = ? AND round_id <> ?
                  AND (graded_at, round_id) < (?, ?) ORDER BY graded_at, round_id
                """, (rs, i) -> new EqaHistory.GradedRound(instant(rs.getTimestamp("graded_at")),
                rs.getBoolean("satisfactory")), event.allianceId(), event.labCode(), event.itemCode(), event.roundId(),
                ts(event.gradedAt()), event.roundId()));
        rounds.add(new EqaHistory.GradedRound(event.gradedAt(), event.grade().satisfactory()));
        List<Instant> verified = jdbc.query("SELECT verified_at FROM readmodel.eqa_corrective_action "
                        + "WHERE alliance_id = ? AND lab_code = ? AND item_code = ?",
                (rs, i) -> instant(rs.getTimestamp("verified_at")), event.allianceId(), event.labCode(),
                event.itemCode());
        String standing = EqaHistory.standing(rounds, verified).name();
        jdbc.update("""
                INSERT INTO readmodel.eqa_grade (round_id, alliance_id, kind, lab_code, item_code, score, satisfactory,
                    acceptable, samples, rule_set, graded_at, standing, sample_grades, event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT DO NOTHING
                """, event.roundId(), event.allianceId(), event.kind().name(), event.labCode(), event.itemCode(),
                event.grade().scorePercent(), event.grade().satisfactory(), (int) event.grade().acceptableCount(),
                event.grade().samples().size(), event.grade().ruleSet(), ts(event.gradedAt()), standing,
                Json.write(event.grade().samples()), message.getIdentifier());
    }

    @EventHandler
    void on(EqaRoundGraded event) {
        jdbc.update("UPDATE readmodel.eqa_round SET graded_at = ?, graded_trigger = ?, graded_by = ? "
                + "WHERE round_id = ?", ts(event.gradedAt()), event.trigger(), event.gradedBy(), event.roundId());
    }

    @EventHandler
    void on(EqaCorrectiveActionVerified event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO readmodel.eqa_corrective_action (action_id, alliance_id, lab_code, item_code, description,
                    verified_by, verified_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, event.actionId(), event.allianceId(), event.labCode(), event.itemCode(), event.description(),
                event.verifiedBy(), ts(at));
    }

    /** A finding on the EQA dimension: its verified corrective action is the EQA corrective action of its items. */
    @EventHandler
    void on(org.huren.domain.audit.FindingRecorded event) {
        if (event.dimension() == org.huren.domain.assessment.Dimension.EQA && !event.affectedItems().isEmpty()) {
            jdbc.update("""
                    INSERT INTO readmodel.eqa_audit_finding (alliance_id, lab_code, finding_id, audit_id, item_codes,
                        description)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """, event.allianceId(), event.labCode(), event.findingId(), event.auditId(),
                    event.affectedItems().toArray(String[]::new), event.description());
        }
    }

    @EventHandler
    void on(org.huren.domain.audit.CorrectiveActionVerified event, @Timestamp Instant at) {
        jdbc.query("SELECT item_codes, description FROM readmodel.eqa_audit_finding WHERE alliance_id = ? "
                + "AND audit_id = ? AND finding_id = ?", rs -> {
            for (String item : (String[]) rs.getArray("item_codes").getArray()) {
                jdbc.update("""
                        INSERT INTO readmodel.eqa_corrective_action (action_id, alliance_id, lab_code, item_code,
                            description, verified_by, verified_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                        """, event.auditId() + "/" + event.findingId() + "/" + item, event.allianceId(),
                        event.labCode(), item, rs.getString("description"), event.verifiedBy(), ts(at));
            }
        }, event.allianceId(), event.auditId(), event.findingId());
    }

    /** A reopened EQA finding takes back the corrective action its verification counted as. */
    @EventHandler
    void on(org.huren.domain.audit.FindingReopened event) {
        jdbc.query("SELECT item_codes FROM readmodel.eqa_audit_finding WHERE alliance_id = ? AND audit_id = ? "
                + "AND finding_id = ?", rs -> {
            for (String item : (String[]) rs.getArray("item_codes").getArray()) {
                jdbc.update("DELETE FROM readmodel.eqa_corrective_action WHERE action_id = ?",
                        event.auditId() + "/" + event.findingId() + "/" + item);
            }
        }, event.allianceId(), event.auditId(), event.findingId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE readmodel.eqa_round, readmodel.eqa_submission, readmodel.eqa_refusal, "
                + "readmodel.eqa_grade, readmodel.eqa_corrective_action, readmodel.eqa_audit_finding");
    }

    // ------------------------------------------------------------------ queries

    @QueryHandler
    public List<EqaRoundView> rounds(ListEqaRounds query) {
        return jdbc.query("SELECT * FROM readmodel.eqa_round WHERE alliance_id = ? ORDER BY opened_at DESC",
                (rs, i) -> round(rs), query.allianceId());
    }

    @QueryHandler
    public Optional<EqaCorrectiveActionView> correctiveAction(GetEqaCorrectiveAction query) {
        return jdbc.query("SELECT * FROM readmodel.eqa_corrective_action WHERE action_id = ?",
                (rs, i) -> new EqaCorrectiveActionView(rs.getString("action_id"), rs.getString("alliance_id"),
                        rs.getString("lab_code"), rs.getString("item_code"), rs.getString("description"),
                        rs.getString("verified_by"), instant(rs.getTimestamp("verified_at"))), query.actionId())
                .stream().findFirst();
    }

    @QueryHandler
    public Optional<EqaRoundView> round(GetEqaRound query) {
        return jdbc.query("SELECT * FROM readmodel.eqa_round WHERE round_id = ?", (rs, i) -> round(rs),
                query.roundId()).stream().findFirst();
    }

    private EqaRoundView round(ResultSet rs) throws SQLException {
        String roundId = rs.getString("round_id");
        boolean graded = rs.getTimestamp("graded_at") != null;
        List<RoundSample> samples = Json.read(rs.getString("samples"), new TypeReference<>() { });
        // an open flight inspection tells nothing that would mark a specimen as blind
        boolean blindDetailHidden = !graded && FLIGHT_INSPECTION.equals(rs.getString("kind"));
        List<String> codes = blindDetailHidden ? neutralCodes(samples)
                : samples.stream().map(RoundSample::sampleCode).toList();
        List<EqaRoundView.Sample> shown = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            RoundSample s = samples.get(i);
            shown.add(graded ? new EqaRoundView.Sample(s.sampleCode(), s.itemCode(), s.assigned(), s.limit(),
                    s.sdForProficiency(), s.intendedCategory(), s.accession(), s.assignedUncertainty())
                    : new EqaRoundView.Sample(codes.get(i), s.itemCode(), null, null, null, null, null, null));
        }
        String pseudo = rs.getString("pseudo_patient");
        if (blindDetailHidden) {
            return new EqaRoundView(roundId, rs.getString("alliance_id"), rs.getString("kind"),
                    rs.getString("provider"), rs.getString("title"),
                    List.of((String[]) rs.getArray("participants").getArray()), instant(rs.getTimestamp("deadline")),
                    rs.getString("rule_set"), rs.getString("opened_by"), instant(rs.getTimestamp("opened_at")), "OPEN",
                    null, null, Json.read(rs.getString("items"), new TypeReference<List<RoundItem>>() { }), shown,
                    null, null, null);
        }
        Map<String, Integer> submissions = new LinkedHashMap<>();
        for (String lab : (String[]) rs.getArray("participants").getArray()) {
            submissions.put(lab, 0);
        }
        jdbc.query("SELECT lab_code, count(*) AS n FROM readmodel.eqa_submission WHERE round_id = ? GROUP BY lab_code",
                r -> {
                    submissions.put(r.getString("lab_code"), r.getInt("n"));
                }, roundId);
        Integer refusals = jdbc.queryForObject("SELECT count(*) FROM readmodel.eqa_refusal WHERE round_id = ?",
                Integer.class, roundId);
        return new EqaRoundView(roundId, rs.getString("alliance_id"), rs.getString("kind"), rs.getString("provider"),
                rs.getString("title"), List.of((String[]) rs.getArray("participants").getArray()),
                instant(rs.getTimestamp("deadline")), rs.getString("rule_set"), rs.getString("opened_by"),
                instant(rs.getTimestamp("opened_at")), graded ? "GRADED" : "OPEN", instant(rs.getTimestamp("graded_at")),
                rs.getString("graded_trigger"), Json.read(rs.getString("items"), new TypeReference<List<RoundItem>>() { }),
                shown, pseudo == null || !graded ? null : Json.read(pseudo, new TypeReference<Identifier>() { }),
                submissions,
                refusals == null ? 0 : refusals);
    }

    /**
     * The sample codes an open flight inspection shows: its own, except a code that is an accession number (rounds
     * registered before codes were neutral) — that one gets the neutral code a registration would give it now.
     */
    private static List<String> neutralCodes(List<RoundSample> samples) {
        List<String> given = new ArrayList<>();
        List<String> accessions = new ArrayList<>();
        for (RoundSample sample : samples) {
            boolean isAccession = sample.accession() != null
                    && java.util.Objects.equals(sample.sampleCode(), sample.accession().value());
            given.add(isAccession ? null : sample.sampleCode());
            accessions.add(sample.accession() == null ? null
                    : sample.accession().system() + "|" + sample.accession().value());
        }
        return BlindSampleCodes.assign(given, accessions);
    }

    @QueryHandler
    public Optional<EqaRoundResults> results(GetEqaRoundResults query) {
        List<Boolean> graded = jdbc.query("SELECT graded_at IS NOT NULL AS graded FROM readmodel.eqa_round "
                + "WHERE round_id = ?", (rs, i) -> rs.getBoolean("graded"), query.roundId());
        if (graded.isEmpty()) {
            return Optional.empty();
        }
        if (!graded.get(0) && !jdbc.queryForList("SELECT 1 FROM readmodel.eqa_round WHERE round_id = ? AND kind = ?",
                Integer.class, query.roundId(), FLIGHT_INSPECTION).isEmpty()) {
            // which blind samples arrived, or were refused, stays on the flight-inspection view until graded
            return Optional.of(new EqaRoundResults(query.roundId(), false, null, List.of(), null));
        }
        Map<String, SampleGrade> sampleGrades = new HashMap<>();
        List<EqaRoundResults.Grade> grades = jdbc.query("SELECT * FROM readmodel.eqa_grade WHERE round_id = ? "
                + "ORDER BY lab_code, item_code", (rs, i) -> {
            List<SampleGrade> samples = Json.read(rs.getString("sample_grades"), new TypeReference<>() { });
            for (SampleGrade sample : samples) {
                sampleGrades.put(rs.getString("lab_code") + "\u0000" + rs.getString("item_code") + "\u0000"
                        + sample.sampleCode(), sample);
            }
            return grade(rs);
        }, query.roundId());
        List<EqaRoundResults.Row> rows = new ArrayList<>();
        if (graded.get(0)) {
            // every lab × item × sample, submitted or not
            List<RoundSample> samples = Json.read(jdbc.queryForObject("SELECT samples::text FROM readmodel.eqa_round "
                    + "WHERE round_id = ?", String.class, query.roundId()), new TypeReference<List<RoundSample>>() { });
            Map<String, Object[]> submitted = new HashMap<>();
            jdbc.query("SELECT * FROM readmodel.eqa_submission WHERE round_id = ?", rs -> {
                submitted.put(rs.getString("lab_code") + "\u0000" + rs.getString("item_code") + "\u0000"
                        + rs.getString("sample_code"), new Object[]{rs.getBigDecimal("value"), rs.getString("category"),
                        instant(rs.getTimestamp("submitted_at")), rs.getString("channel"), rs.getInt("versions"),
                        rs.getBigDecimal("uncertainty")});
            }, query.roundId());
            for (EqaRoundResults.Grade grade : grades) {
                for (RoundSample sample : samples) {
                    if (!sample.itemCode().equals(grade.itemCode())) {
                        continue;
                    }
                    String key = grade.labCode() + "\u0000" + grade.itemCode() + "\u0000" + sample.sampleCode();
                    Object[] s = submitted.get(key);
                    SampleGrade g = sampleGrades.get(key);
                    rows.add(new EqaRoundResults.Row(grade.labCode(), grade.itemCode(), sample.sampleCode(),
                            s == null ? null : (BigDecimal) s[0], s == null ? null : (BigDecimal) s[5],
                            s == null ? null : (String) s[1], s == null ? null : (Instant) s[2],
                            s == null ? null : (String) s[3], s == null ? 0 : (Integer) s[4],
                            g == null ? null : g.acceptable(), g == null ? null : g.difference(),
                            g == null ? null : g.allowed(), g == null ? null : g.z(),
                            g == null ? null : name(g.zCategory()), g == null ? null : g.zPrime(),
                            g == null ? null : name(g.zPrimeCategory()), g == null ? null : g.zeta(),
                            g == null ? null : name(g.zetaCategory()), g == null ? null : g.reason()));
                }
            }
        } else {
            // until graded: who returned what and when, not the values (a consensus value could be inferred)
            jdbc.query("SELECT * FROM readmodel.eqa_submission WHERE round_id = ? ORDER BY lab_code, item_code, "
                    + "sample_code", rs -> {
                rows.add(new EqaRoundResults.Row(rs.getString("lab_code"), rs.getString("item_code"),
                        rs.getString("sample_code"), null, null, null,
                        instant(rs.getTimestamp("submitted_at")), rs.getString("channel"), rs.getInt("versions"),
                        null, null, null, null, null, null, null, null, null, null));
            }, query.roundId());
        }
        return Optional.of(new EqaRoundResults(query.roundId(), graded.get(0), rows, grades,
                refusals(query.roundId())));
    }

    private static String name(Enum<?> category) {
        return category == null ? null : category.name();
    }

    private static EqaRoundResults.Grade grade(ResultSet rs) throws SQLException {
        return new EqaRoundResults.Grade(rs.getString("lab_code"), rs.getString("item_code"),
                rs.getBigDecimal("score"), rs.getBoolean("satisfactory"), rs.getInt("acceptable"),
                rs.getInt("samples"), rs.getString("standing"), rs.getString("rule_set"),
                instant(rs.getTimestamp("graded_at")));
    }

    @QueryHandler
    public List<EqaHistoryEntry> history(GetEqaHistory query) {
        List<EqaHistoryEntry> entries = new ArrayList<>();
        Map<String, BigDecimal> previous = new HashMap<>();
        jdbc.query("""
                SELECT * FROM readmodel.eqa_grade WHERE alliance_id = ?
                  AND (?::text IS NULL OR lab_code = ?) AND (?::text IS NULL OR item_code = ?)
                ORDER BY lab_code, item_code, graded_at, round_id
                """, rs -> {
            String key = rs.getString("lab_code") + "\u0000" + rs.getString("item_code");
            BigDecimal score = rs.getBigDecimal("score");
            BigDecimal before = previous.put(key, score);
            String trend = before == null ? null : switch (score.compareTo(before)) {
                case 1 -> "UP";
                case -1 -> "DOWN";
                default -> "SAME";
            };
            entries.add(new EqaHistoryEntry(rs.getString("lab_code"), rs.getString("item_code"),
                    rs.getString("round_id"), rs.getString("kind"), instant(rs.getTimestamp("graded_at")), score,
                    rs.getBoolean("satisfactory"), rs.getString("standing"), trend,
                    Json.read(rs.getString("sample_grades"), new TypeReference<List<SampleGrade>>() { })));
        }, query.allianceId(), query.labCode(), query.labCode(), query.itemCode(), query.itemCode());
        return entries;
    }

    @QueryHandler
    public List<EqaPassRate> passRates(GetEqaPassRates query) {
        return jdbc.query("""
                SELECT item_code, count(*) AS graded, count(*) FILTER (WHERE satisfactory) AS passed
                FROM readmodel.eqa_grade WHERE alliance_id = ? GROUP BY item_code ORDER BY item_code
                """, (rs, i) -> {
            long gradedCount = rs.getLong("graded");
            long passed = rs.getLong("passed");
            return new EqaPassRate(rs.getString("item_code"), gradedCount, passed, gradedCount == 0 ? null
                    : BigDecimal.valueOf(passed * 100L).divide(BigDecimal.valueOf(gradedCount), 2,
                    RoundingMode.HALF_UP));
        }, query.allianceId());
    }

    @QueryHandler
    public Optional<FlightInspectionDetail> flightInspection(GetFlightInspection query) {
        return jdbc.query("SELECT * FROM readmodel.eqa_round WHERE round_id = ? AND kind = ?", (rs, i) -> {
            String roundId = rs.getString("round_id");
            Map<String, FlightInspectionDetail.BlindSample> received = new HashMap<>();
            jdbc.query("SELECT * FROM readmodel.eqa_submission WHERE round_id = ?", r -> {
                received.put(r.getString("item_code") + "\u0000" + r.getString("sample_code"),
                        new FlightInspectionDetail.BlindSample(r.getString("sample_code"), r.getString("item_code"),
                                null, null, null, true, r.getBigDecimal("value"), r.getString("category"),
                                instant(r.getTimestamp("submitted_at")), r.getString("channel"), r.getInt("versions")));
            }, roundId);
            List<FlightInspectionDetail.BlindSample> samples = new ArrayList<>();
            for (RoundSample s : Json.read(rs.getString("samples"), new TypeReference<List<RoundSample>>() { })) {
                FlightInspectionDetail.BlindSample r = received.get(s.itemCode() + "\u0000" + s.sampleCode());
                samples.add(new FlightInspectionDetail.BlindSample(s.sampleCode(), s.itemCode(), s.accession(),
                        s.assigned(), s.limit(), r != null, r == null ? null : r.value(),
                        r == null ? null : r.category(), r == null ? null : r.submittedAt(),
                        r == null ? null : r.channel(), r == null ? 0 : r.versions()));
            }
            String pseudo = rs.getString("pseudo_patient");
            return new FlightInspectionDetail(roundId, rs.getString("alliance_id"),
                    ((String[]) rs.getArray("participants").getArray())[0], rs.getString("title"),
                    pseudo == null ? null : Json.read(pseudo, new TypeReference<Identifier>() { }),
                    instant(rs.getTimestamp("deadline")), rs.getTimestamp("graded_at") == null ? "OPEN" : "GRADED",
                    instant(rs.getTimestamp("graded_at")), samples, refusals(roundId),
                    jdbc.query("SELECT * FROM readmodel.eqa_grade WHERE round_id = ? ORDER BY item_code",
                            (g, j) -> grade(g), roundId));
        }, query.roundId(), FLIGHT_INSPECTION).stream().findFirst();
    }

    private List<EqaRoundResults.Refusal> refusals(String roundId) {
        return jdbc.query("SELECT * FROM readmodel.eqa_refusal WHERE round_id = ? ORDER BY seq",
                (rs, i) -> new EqaRoundResults.Refusal(rs.getString("lab_code"), rs.getString("sample_code"),
                        rs.getString("code"), rs.getString("reason"), rs.getString("detail"),
                        instant(rs.getTimestamp("at")), rs.getString("channel")), roundId);
    }

    @QueryHandler
    public List<FlightInspectionOutcome> flightInspections(ListFlightInspections query) {
        return jdbc.query("""
                SELECT r.*, jsonb_array_length(r.samples) AS expected,
                    (SELECT count(*) FROM readmodel.eqa_submission s WHERE s.round_id = r.round_id) AS received
                FROM readmodel.eqa_round r WHERE r.alliance_id = ? AND r.kind = 'FLIGHT_INSPECTION'
                ORDER BY r.opened_at DESC
                """, (rs, i) -> new FlightInspectionOutcome(rs.getString("round_id"),
                ((String[]) rs.getArray("participants").getArray())[0], instant(rs.getTimestamp("deadline")),
                rs.getInt("expected"), rs.getInt("received"),
                rs.getTimestamp("graded_at") == null ? "OPEN" : "GRADED", instant(rs.getTimestamp("graded_at")),
                jdbc.query("SELECT * FROM readmodel.eqa_grade WHERE round_id = ? ORDER BY item_code",
                        (g, j) -> grade(g), rs.getString("round_id"))), query.allianceId());
    }


}
