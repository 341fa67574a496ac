package org.huren.projections.recognition;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.alliance.AccreditationWithdrawn;
import org.huren.domain.alliance.AllianceFormed;
import org.huren.domain.alliance.AllianceTime;
import org.huren.domain.alliance.LabAccredited;
import org.huren.domain.alliance.LabEnrolled;
import org.huren.domain.alliance.MemberReinstated;
import org.huren.domain.alliance.MemberStatus;
import org.huren.domain.alliance.MemberSuspended;
import org.huren.domain.alliance.MemberWithdrawn;
import org.huren.domain.alliance.RecognitionPolicySet;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.catalog.CatalogItemAmended;
import org.huren.domain.catalog.CatalogItemPublished;
import org.huren.domain.catalog.CatalogItemRetired;
import org.huren.domain.common.Coding;
import org.huren.domain.labresult.LabResultContent;
import org.huren.domain.labresult.LabResultCorrected;
import org.huren.domain.labresult.LabResultReported;
import org.huren.domain.labresult.LabResultRetracted;
import org.huren.domain.labresult.ResultStatus;
import org.huren.domain.recognition.AccreditationFacts;
import org.huren.domain.recognition.CriterionVerdict;
import org.huren.domain.recognition.MembershipPeriod;
import org.huren.domain.recognition.RecognitionDecision;
import org.huren.domain.recognition.RecognitionFacts;
import org.huren.domain.recognition.RecognitionPolicy;
import org.huren.domain.recognition.RecognitionRules;
import org.huren.domain.recognition.RecognitionStatus;
import org.huren.domain.recognition.ResultFacts;
import org.huren.domain.recognition.query.FindReusable;
import org.huren.domain.localcode.LocalCodeMapped;
import org.huren.domain.localcode.LocalCodeMappingAmended;
import org.huren.domain.localcode.LocalCodeRetired;
import org.huren.domain.localcode.MappingVersion;
import org.huren.domain.recognition.LocalCodeFacts;
import org.huren.domain.eqa.EqaCorrectiveActionVerified;
import org.huren.domain.eqa.EqaHistory;
import org.huren.domain.eqa.EqaItemGraded;
import org.huren.domain.eqa.EqaStandingVerdict;
import org.huren.domain.audit.AuditOpened;
import org.huren.domain.audit.CorrectiveActionVerified;
import org.huren.domain.audit.FindingRecorded;
import org.huren.domain.audit.FindingReopened;
import org.huren.domain.audit.Severity;
import org.huren.domain.iqc.ControlCv;
import org.huren.domain.iqc.ControlLotRegistered;
import org.huren.domain.recognition.MajorFinding;
import org.huren.domain.iqc.ControlResult;
import org.huren.domain.iqc.ControlRunRecorded;
import org.huren.domain.recognition.IqcMonthlyCv;
import org.huren.domain.iqc.ControlRunEvaluated;
import org.huren.domain.iqc.RunStatus;
import org.huren.domain.recognition.EqaStanding;
import org.huren.domain.recognition.IqcOutcome;
import org.huren.domain.recognition.IqcRun;
import org.huren.domain.recognition.query.GetRecognition;
import org.huren.domain.recognition.query.GetRecognitionRates;
import org.huren.domain.recognition.query.RecognitionRate;
import org.huren.domain.recognition.query.GetRecognitionHistory;
import org.huren.domain.recognition.query.ReusableAnswer;
import org.huren.domain.recognition.query.RecognitionView;
import org.huren.projections.labrecords.PatientLinkProjection;
import org.huren.projections.support.BatchedWrites;
import org.huren.projections.support.Json;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

import static org.huren.projections.support.Sql.instant;
import static org.huren.projections.support.Sql.ts;

/**
 * Decides, for every lab result and every alliance its lab belongs to, whether the result is recognized (互认),
 * with the pure {@link RecognitionRules} fed by the facts this projection has seen so far: the result, the lab's
 * membership periods, the catalog versions, accreditations and the alliance's policy. Any change of those facts
 * re-decides the results it touches, as of the time the change was recorded; each change of status is kept with
 * its cause. EQA, IQC and audit evidence are not recorded yet: those criteria are NOT_YET_KNOWN, and the
 * alliance's policy says whether that blocks.
 */
@Component
@ProcessingGroup(RecognitionProjection.GROUP)
public class RecognitionProjection {

    public static final String GROUP = "recognition";


    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;
    private final LocalCodes localCodes;

    public RecognitionProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, "recognition", true);
        this.localCodes = new LocalCodes(jdbc);
    }

    /**
     * The facts of one alliance, loaded once per event batch (they change only through the alliance's own
     * events, which drop them): membership periods and accreditations by lab, catalog versions, policy.
     */
    private record AllianceFacts(Map<String, List<MembershipPeriod>> membership, List<CatalogRow> catalog,
                                 Map<String, List<AccreditationFacts>> accreditations, RecognitionPolicy policy,
                                 Map<String, Map<String, EqaStanding>> eqa,
                                 Map<String, List<MajorFinding>> findings, java.util.Set<String> audited) {

        /** The lab's major findings; null (not yet known) until the lab was assessed or audited in the alliance. */
        List<MajorFinding> findingsOf(String lab) {
            return accreditations.containsKey(lab) || audited.contains(lab)
                    ? findings.getOrDefault(lab, List.of()) : null;
        }

        Optional<EqaStanding> eqa(String lab, String itemCode) {
            return itemCode == null ? Optional.empty()
                    : Optional.ofNullable(eqa.getOrDefault(lab, Map.of()).get(itemCode));
        }
    }

    private Map<String, AllianceFacts> factsCache() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new HashMap<>();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(RecognitionProjection.class.getName() + ".facts",
                k -> new HashMap<>());
    }

    private Map<String, List<String>> alliancesCache() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new HashMap<>();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(
                RecognitionProjection.class.getName() + ".alliances", k -> new HashMap<>());
    }

    /** An alliance event changes facts: later decisions of this batch must read them (and every result) anew. */
    private void factsChanged(String alliance) {
        writes.flush();
        factsCache().remove(alliance);
        alliancesCache().clear();
    }

    private AllianceFacts facts(String alliance) {
        return factsCache().computeIfAbsent(alliance, this::loadFacts);
    }

    private AllianceFacts loadFacts(String alliance) {
        Map<String, List<MembershipPeriod>> membership = new HashMap<>();
        jdbc.query("SELECT * FROM readmodel.rec_membership WHERE alliance_id = ? ORDER BY from_at", rs -> {
            membership.computeIfAbsent(rs.getString("lab_code"), k -> new ArrayList<>()).add(new MembershipPeriod(
                    MemberStatus.valueOf(rs.getString("status")), instant(rs.getTimestamp("from_at")),
                    instant(rs.getTimestamp("to_at")), rs.getString("event_id")));
        }, alliance);
        List<CatalogRow> catalog = jdbc.query("SELECT * FROM readmodel.rec_catalog WHERE alliance_id = ? "
                        + "ORDER BY code, version DESC", (rs, i) -> new CatalogRow(read(rs.getString("item")),
                        rs.getInt("version"), rs.getObject("effective_from", LocalDate.class),
                        rs.getObject("retired_from", LocalDate.class),
                        List.of((String[]) rs.getArray("loinc_codes").getArray())), alliance);
        Map<String, List<AccreditationFacts>> accreditations = new HashMap<>();
        jdbc.query("SELECT * FROM readmodel.rec_accreditation WHERE alliance_id = ?", rs -> {
            accreditations.computeIfAbsent(rs.getString("lab_code"), k -> new ArrayList<>()).add(
                    new AccreditationFacts(rs.getString("item_code"), rs.getObject("valid_from", LocalDate.class),
                            rs.getObject("valid_until", LocalDate.class), instant(rs.getTimestamp("withdrawn_at")),
                            rs.getString("assessment_id"), rs.getString("event_id")));
        }, alliance);
        RecognitionPolicy policy = jdbc.query("SELECT * FROM readmodel.rec_policy WHERE alliance_id = ?",
                (rs, i) -> new RecognitionPolicy(rs.getBoolean("not_yet_known_blocks"),
                        Duration.ofHours(rs.getInt("iqc_bracket_hours")),
                        Duration.ofDays(rs.getInt("eqa_max_age_days"))), alliance).stream().findFirst()
                .orElse(RecognitionPolicy.defaults());
        Map<String, List<MajorFinding>> findings = new HashMap<>();
        jdbc.query("SELECT * FROM readmodel.rec_finding WHERE alliance_id = ?", rs -> {
            // the finding as QC managers find it: audit/finding, and #n for the n-th period after reopening
            String id = rs.getString("audit_id") + "/" + rs.getString("finding_id")
                    + (rs.getInt("period") > 1 ? "#" + rs.getInt("period") : "");
            findings.computeIfAbsent(rs.getString("lab_code"), k -> new ArrayList<>()).add(new MajorFinding(
                    id, instant(rs.getTimestamp("recorded_at")),
                    instant(rs.getTimestamp("verified_at")),
                    java.util.Set.of((String[]) rs.getArray("item_codes").getArray()), rs.getString("event_id")));
        }, alliance);
        java.util.Set<String> audited = new java.util.HashSet<>(jdbc.queryForList(
                "SELECT lab_code FROM readmodel.rec_audited WHERE alliance_id = ?", String.class, alliance));
        return new AllianceFacts(membership, catalog, accreditations, policy, eqaStandings(alliance), findings,
                audited);
    }

    /** Each lab × item's EQA standing after its latest graded round, as {@link EqaHistory} decides it. */
    private Map<String, Map<String, EqaStanding>> eqaStandings(String alliance) {
        Map<String, List<Object[]>> rounds = new HashMap<>();
        jdbc.query("SELECT * FROM readmodel.rec_eqa_grade WHERE alliance_id = ? ORDER BY graded_at, round_id", rs -> {
            rounds.computeIfAbsent(rs.getString("lab_code") + "\u0000" + rs.getString("item_code"),
                    k -> new ArrayList<>()).add(new Object[]{rs.getString("round_id"),
                    instant(rs.getTimestamp("graded_at")), rs.getBoolean("satisfactory"), rs.getString("event_id")});
        }, alliance);
        Map<String, List<Instant>> verified = new HashMap<>();
        jdbc.query("SELECT * FROM readmodel.rec_eqa_verified WHERE alliance_id = ?", rs -> {
            verified.computeIfAbsent(rs.getString("lab_code") + "\u0000" + rs.getString("item_code"),
                    k -> new ArrayList<>()).add(instant(rs.getTimestamp("verified_at")));
        }, alliance);
        Map<String, Map<String, EqaStanding>> standings = new HashMap<>();
        rounds.forEach((key, list) -> {
            List<EqaHistory.GradedRound> graded = list.stream()
                    .map(r -> new EqaHistory.GradedRound((Instant) r[1], (Boolean) r[2])).toList();
            EqaStandingVerdict verdict = EqaHistory.standing(graded, verified.getOrDefault(key, List.of()));
            Object[] latest = list.get(list.size() - 1);
            String[] labItem = key.split("\u0000");
            standings.computeIfAbsent(labItem[0], k -> new HashMap<>()).put(labItem[1], new EqaStanding(
                    (String) latest[0], (Instant) latest[1], (Boolean) latest[2],
                    verdict == EqaStandingVerdict.UNSUCCESSFUL, (String) latest[3]));
        });
        return standings;
    }

    /**
     * HuRen ids of the blind samples' specimens and pseudo-patients (flight inspections, 盲样), read once per batch:
     * their results are decided like any other — the lab that sent them sees an ordinary result — and enter the
     * reuse index marked blind, so they count for that lab only ({@link #countsFor}).
     */
    private java.util.Set<String> blindRecords() {
        java.util.function.Supplier<java.util.Set<String>> load = () -> new java.util.HashSet<>(jdbc.queryForList(
                "SELECT specimen_id FROM readmodel.blind_specimen UNION SELECT patient_id FROM readmodel.blind_patient",
                String.class));
        if (!CurrentUnitOfWork.isStarted()) {
            return load.get();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(RecognitionProjection.class.getName() + ".blind",
                k -> load.get());
    }

    private List<String> alliancesOf(String lab) {
        return alliancesCache().computeIfAbsent(lab, l -> jdbc.queryForList("SELECT DISTINCT alliance_id FROM "
                + "readmodel.rec_membership WHERE lab_code = ?", String.class, l));
    }

    // ------------------------------------------------------------------ results

    @EventHandler
    void on(LabResultReported event, @Timestamp Instant at, EventMessage<?> message) {
        result(event.resultId(), event.labId(), event.content(), at, message);
    }

    @EventHandler
    void on(LabResultCorrected event, @Timestamp Instant at, EventMessage<?> message) {
        result(event.resultId(), event.labId(), event.content(), at, message);
    }

    @EventHandler
    void on(LabResultRetracted event, @Timestamp Instant at, EventMessage<?> message) {
        result(event.resultId(), event.labId(), event.content(), at, message);
    }

    private void result(String resultId, String labId, LabResultContent content, Instant at,
                        EventMessage<?> message) {
        boolean blind = content.specimenId() != null && blindRecords().contains(content.specimenId())
                || content.patientId() != null && blindRecords().contains(content.patientId());
        List<String> loincs = content.codes().stream().filter(Coding::isLoinc).map(Coding::code).toList();
        Instant effective = content.effective() != null && content.effective().start() != null
                ? content.effective().start() : at;
        // a result with the lab's own code only: the LOINC code of the mapping that covers its day, if any
        Coding local = LocalCodes.localCoding(content.codes()).orElse(null);
        MappingVersion mapping = local == null ? null
                : localCodes.resolve(labId, local.system(), local.code(), effective).orElse(null);
        if (mapping != null) {
            loincs = List.of(mapping.loinc());
        }
        ResultRow row = new ResultRow(resultId, labId, loincs,
                content.measurement() == null ? null : content.measurement().ucumCode(),
                content.measurement() == null ? null : content.measurement().value(), content.status(), effective,
                message.getIdentifier(), content.patientId(), blind, local == null ? null : local.system(),
                local == null ? null : local.code(), local == null ? null : local.display(),
                mapping == null ? null : mapping.mapVersion());
        writes.add("""
                INSERT INTO readmodel.rec_result (result_id, lab_id, codes, unit, value, status, effective_at, event_id,
                    patient_id, blind, local_system, local_code, local_display, map_version, mapped_loinc, mapped_name,
                    mapped_tokens)
                VALUES (?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[])
                ON CONFLICT (result_id) DO UPDATE SET codes = excluded.codes, unit = excluded.unit,
                    value = excluded.value, status = excluded.status, effective_at = excluded.effective_at,
                    event_id = excluded.event_id, patient_id = excluded.patient_id, blind = excluded.blind,
                    local_system = excluded.local_system, local_code = excluded.local_code,
                    local_display = excluded.local_display, map_version = excluded.map_version,
                    mapped_loinc = excluded.mapped_loinc, mapped_name = excluded.mapped_name,
                    mapped_tokens = excluded.mapped_tokens
                """, resultId, labId, loincs.toArray(String[]::new), row.unit(), row.value(),
                content.status().name(), ts(effective), message.getIdentifier(), content.patientId(), blind,
                row.localSystem(), row.localCode(), row.localDisplay(), row.mapVersion(),
                mapping == null ? null : mapping.loinc(), mapping == null ? null : mapping.itemName(),
                LocalCodes.tokens(mapping));
        boolean first = message.getPayload() instanceof LabResultReported;
        for (String alliance : alliancesOf(labId)) {
            decide(row, alliance, at, message, first);
        }
    }

    // ------------------------------------------------------------------ labs' code maps (ADR 0017)

    @EventHandler
    void on(LocalCodeMapped event, @Timestamp Instant at, EventMessage<?> message) {
        localCodeChanged(event.labCode(), event.system(), event.mapping().code(), new MappingVersion(
                event.codeMapId(), event.mapVersion(), event.mapping().effectiveFrom(), event.mapping().retroactive(),
                event.mapping().itemCode(), event.mapping().loinc(), event.mapping().itemName(),
                message.getIdentifier()), at, message);
    }

    @EventHandler
    void on(LocalCodeMappingAmended event, @Timestamp Instant at, EventMessage<?> message) {
        localCodeChanged(event.labCode(), event.system(), event.mapping().code(), new MappingVersion(
                event.codeMapId(), event.mapVersion(), event.mapping().effectiveFrom(), event.mapping().retroactive(),
                event.mapping().itemCode(), event.mapping().loinc(), event.mapping().itemName(),
                message.getIdentifier()), at, message);
    }

    @EventHandler
    void on(LocalCodeRetired event, @Timestamp Instant at, EventMessage<?> message) {
        localCodeChanged(event.labCode(), event.system(), event.code(), new MappingVersion(event.codeMapId(),
                event.mapVersion(), event.effectiveFrom(), false, null, null, null, message.getIdentifier()), at,
                message);
    }

    /**
     * A code's mapping changed: the lab's results under that code whose covering version changed are decided again
     * as of the time the change was recorded (a mapping from a past day, or a retroactive one, reaches results
     * already stored; they are recognized from now on, not before).
     */
    private void localCodeChanged(String lab, String system, String code, MappingVersion version, Instant at,
                                  EventMessage<?> message) {
        writes.flush();
        localCodes.record(lab, system, code, version);
        List<String> changed = localCodes.remap(lab, system, code);
        if (changed.isEmpty()) {
            return;
        }
        for (String alliance : alliancesOf(lab)) {
            redecide("SELECT result_id FROM readmodel.rec_result WHERE result_id = ANY (?::text[])",
                    new Object[]{changed.toArray(String[]::new)}, at, message, alliance);
        }
    }

    // ------------------------------------------------------------------ alliance facts

    @EventHandler
    void on(AllianceFormed event) {
        factsChanged(event.allianceId());
        jdbc.update("INSERT INTO readmodel.rec_policy (alliance_id, not_yet_known_blocks, iqc_bracket_hours, "
                + "eqa_max_age_days) VALUES (?, true, 24, 365) ON CONFLICT DO NOTHING", event.allianceId());
    }

    @EventHandler
    void on(RecognitionPolicySet event, @Timestamp Instant at, EventMessage<?> message) {
        factsChanged(event.allianceId());
        jdbc.update("UPDATE readmodel.rec_policy SET not_yet_known_blocks = ?, iqc_bracket_hours = ?, "
                        + "eqa_max_age_days = ? WHERE alliance_id = ?", event.notYetKnownBlocks(),
                event.iqcBracketHours(), event.eqaMaxAgeDays(), event.allianceId());
        redecide("SELECT DISTINCT r.result_id FROM readmodel.rec_result r JOIN readmodel.rec_membership m "
                + "ON m.lab_code = r.lab_id WHERE m.alliance_id = ?", event.allianceId(), at, message,
                event.allianceId());
    }

    @EventHandler
    void on(LabEnrolled event, @Timestamp Instant at, EventMessage<?> message) {
        membership(event.allianceId(), event.labCode(), MemberStatus.ACTIVE, event.effectiveFrom(at), at, message);
    }

    @EventHandler
    void on(MemberSuspended event, @Timestamp Instant at, EventMessage<?> message) {
        membership(event.allianceId(), event.labCode(), MemberStatus.SUSPENDED, at, at, message);
    }

    @EventHandler
    void on(MemberReinstated event, @Timestamp Instant at, EventMessage<?> message) {
        membership(event.allianceId(), event.labCode(), MemberStatus.ACTIVE, at, at, message);
    }

    @EventHandler
    void on(MemberWithdrawn event, @Timestamp Instant at, EventMessage<?> message) {
        membership(event.allianceId(), event.labCode(), MemberStatus.WITHDRAWN, at, at, message);
    }

    /** A new span of the lab's standing from {@code from} (before {@code at} when backdated), decided at {@code at}. */
    private void membership(String alliance, String lab, MemberStatus status, Instant from, Instant at,
                            EventMessage<?> message) {
        factsChanged(alliance);
        jdbc.update("UPDATE readmodel.rec_membership SET to_at = ? WHERE alliance_id = ? AND lab_code = ? "
                + "AND to_at IS NULL", ts(from), alliance, lab);
        jdbc.update("INSERT INTO readmodel.rec_membership (alliance_id, lab_code, status, from_at, event_id) "
                + "VALUES (?, ?, ?, ?, ?)", alliance, lab, status.name(), ts(from), message.getIdentifier());
        redecide("SELECT result_id FROM readmodel.rec_result WHERE lab_id = ?", lab, at, message, alliance);
    }

    @EventHandler
    void on(CatalogItemPublished event, @Timestamp Instant at, EventMessage<?> message) {
        catalogVersion(event.allianceId(), event.item(), event.version(), at, message);
    }

    @EventHandler
    void on(CatalogItemAmended event, @Timestamp Instant at, EventMessage<?> message) {
        catalogVersion(event.allianceId(), event.item(), event.version(), at, message);
    }

    private void catalogVersion(String alliance, CatalogItem item, int version, Instant at, EventMessage<?> message) {
        factsChanged(alliance);
        jdbc.update("""
                INSERT INTO readmodel.rec_catalog (alliance_id, code, version, effective_from, loinc_codes, item)
                VALUES (?, ?, ?, ?, ?::text[], ?::jsonb) ON CONFLICT DO NOTHING
                """, alliance, item.code(), version, item.effectiveFrom(), item.loincCodes().toArray(String[]::new),
                Json.write(item));
        redecideItem(alliance, item.code(), at, message);
    }

    @EventHandler
    void on(CatalogItemRetired event, @Timestamp Instant at, EventMessage<?> message) {
        factsChanged(event.allianceId());
        jdbc.update("UPDATE readmodel.rec_catalog SET retired_from = ? WHERE alliance_id = ? AND code = ?",
                event.effectiveFrom(), event.allianceId(), event.itemCode());
        redecideItem(event.allianceId(), event.itemCode(), at, message);
    }

    @EventHandler
    void on(LabAccredited event, @Timestamp Instant at, EventMessage<?> message) {
        factsChanged(event.allianceId());
        for (String item : event.itemCodes()) {
            jdbc.update("""
                    INSERT INTO readmodel.rec_accreditation (alliance_id, lab_code, item_code, valid_from, valid_until,
                        assessment_id, event_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """, event.allianceId(), event.labCode(), item, event.validFrom(), event.validUntil(),
                    event.assessmentId(), message.getIdentifier());
        }
        redecideLabItems(event.allianceId(), event.labCode(), List.copyOf(event.itemCodes()), at, message);
    }

    @EventHandler
    void on(AccreditationWithdrawn event, @Timestamp Instant at, EventMessage<?> message) {
        factsChanged(event.allianceId());
        jdbc.update("UPDATE readmodel.rec_accreditation SET withdrawn_at = ? WHERE alliance_id = ? AND lab_code = ? "
                        + "AND item_code = ? AND withdrawn_at IS NULL", ts(event.effectiveAt()), event.allianceId(),
                event.labCode(), event.itemCode());
        redecideLabItems(event.allianceId(), event.labCode(), List.of(event.itemCode()), at, message);
    }

    // ------------------------------------------------------------------ audit evidence

    @EventHandler
    void on(AuditOpened event, @Timestamp Instant at, EventMessage<?> message) {
        factsChanged(event.allianceId());
        int added = jdbc.update("INSERT INTO readmodel.rec_audited (alliance_id, lab_code) VALUES (?, ?) "
                + "ON CONFLICT DO NOTHING", event.allianceId(), event.labCode());
        if (added > 0) {
            // the lab's findings are known from now on
            redecide("SELECT result_id FROM readmodel.rec_result WHERE lab_id = ?", event.labCode(), at, message,
                    event.allianceId());
        }
    }

    @EventHandler
    void on(FindingRecorded event, @Timestamp Instant at, EventMessage<?> message) {
        if (event.dimension() == org.huren.domain.assessment.Dimension.EQA && !event.affectedItems().isEmpty()) {
            jdbc.update("INSERT INTO readmodel.rec_eqa_finding (alliance_id, lab_code, finding_id, audit_id, item_codes) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", event.allianceId(), event.labCode(),
                    event.findingId(), event.auditId(), event.affectedItems().toArray(String[]::new));
        }
        if (event.severity() != Severity.MAJOR) {
            return;
        }
        factsChanged(event.allianceId());
        jdbc.update("""
                INSERT INTO readmodel.rec_finding (alliance_id, lab_code, audit_id, finding_id, period, recorded_at,
                    item_codes, event_id)
                VALUES (?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT DO NOTHING
                """, event.allianceId(), event.labCode(), event.auditId(), event.findingId(), ts(at),
                event.affectedItems().toArray(String[]::new), message.getIdentifier());
        redecideFinding(event.allianceId(), event.labCode(), event.affectedItems(), at, message);
    }

    @EventHandler
    void on(CorrectiveActionVerified event, @Timestamp Instant at, EventMessage<?> message) {
        // an EQA finding's verified action is the EQA corrective action of its items
        for (String[] items : jdbc.query("SELECT item_codes FROM readmodel.rec_eqa_finding WHERE alliance_id = ? "
                        + "AND audit_id = ? AND finding_id = ?", (rs, i) -> (String[]) rs.getArray("item_codes").getArray(),
                event.allianceId(), event.auditId(), event.findingId())) {
            factsChanged(event.allianceId());
            for (String item : items) {
                jdbc.update("INSERT INTO readmodel.rec_eqa_verified (alliance_id, lab_code, item_code, verified_at, "
                        + "event_id, finding_ref) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", event.allianceId(),
                        event.labCode(), item, ts(at), message.getIdentifier() + "/" + item,
                        event.auditId() + "/" + event.findingId());
            }
            redecideLabItems(event.allianceId(), event.labCode(), List.of(items), at, message);
        }
        List<String[]> open = jdbc.query("SELECT item_codes FROM readmodel.rec_finding WHERE alliance_id = ? "
                        + "AND audit_id = ? AND finding_id = ? AND verified_at IS NULL",
                (rs, i) -> (String[]) rs.getArray("item_codes").getArray(), event.allianceId(), event.auditId(),
                event.findingId());
        if (open.isEmpty()) {
            return; // not a major finding
        }
        factsChanged(event.allianceId());
        jdbc.update("UPDATE readmodel.rec_finding SET verified_at = ? WHERE alliance_id = ? AND audit_id = ? "
                + "AND finding_id = ? AND verified_at IS NULL", ts(at), event.allianceId(), event.auditId(),
                event.findingId());
        redecideFinding(event.allianceId(), event.labCode(), List.of(open.get(0)), at, message);
    }

    @EventHandler
    void on(FindingReopened event, @Timestamp Instant at, EventMessage<?> message) {
        // a reopened EQA finding takes back the EQA corrective action its verification counted as
        for (String[] items : jdbc.query("SELECT item_codes FROM readmodel.rec_eqa_finding WHERE alliance_id = ? "
                        + "AND audit_id = ? AND finding_id = ?", (rs, i) -> (String[]) rs.getArray("item_codes").getArray(),
                event.allianceId(), event.auditId(), event.findingId())) {
            factsChanged(event.allianceId());
            jdbc.update("DELETE FROM readmodel.rec_eqa_verified WHERE alliance_id = ? AND finding_ref = ?",
                    event.allianceId(), event.auditId() + "/" + event.findingId());
            redecideLabItems(event.allianceId(), event.labCode(), List.of(items), at, message);
        }
        List<Object[]> periods = jdbc.query("SELECT period, item_codes FROM readmodel.rec_finding "
                        + "WHERE alliance_id = ? AND audit_id = ? AND finding_id = ? ORDER BY period DESC LIMIT 1",
                (rs, i) -> new Object[]{rs.getInt("period"), rs.getArray("item_codes").getArray()},
                event.allianceId(), event.auditId(), event.findingId());
        if (periods.isEmpty()) {
            return; // not a major finding
        }
        factsChanged(event.allianceId());
        String[] items = (String[]) periods.get(0)[1];
        jdbc.update("""
                INSERT INTO readmodel.rec_finding (alliance_id, lab_code, audit_id, finding_id, period, recorded_at,
                    item_codes, event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, event.allianceId(), event.labCode(), event.auditId(), event.findingId(),
                (Integer) periods.get(0)[0] + 1, ts(at), items, message.getIdentifier());
        redecideFinding(event.allianceId(), event.labCode(), List.of(items), at, message);
    }

    private void redecideFinding(String alliance, String lab, List<String> items, Instant at, EventMessage<?> message) {
        if (items.isEmpty()) {
            redecide("SELECT result_id FROM readmodel.rec_result WHERE lab_id = ?", lab, at, message, alliance);
        } else {
            redecideLabItems(alliance, lab, items, at, message);
        }
    }

    // ------------------------------------------------------------------ IQC evidence

    /** The evaluated IQC runs of a lab × item, read once per batch; null while the lab has no IQC for it. */
    private List<IqcRun> iqcRuns(String lab, String itemCode) {
        if (itemCode == null) {
            return null;
        }
        java.util.function.Function<String, List<IqcRun>> load = key -> {
            boolean known = !jdbc.queryForList("SELECT 1 FROM readmodel.rec_iqc_series WHERE lab_code = ? "
                    + "AND item_code = ?", Integer.class, lab, itemCode).isEmpty();
            return !known ? null : jdbc.query("SELECT * FROM readmodel.rec_iqc_run WHERE lab_code = ? "
                            + "AND item_code = ? ORDER BY run_at, run_id", (rs, i) -> new IqcRun(rs.getString("run_id"),
                            instant(rs.getTimestamp("run_at")), IqcOutcome.valueOf(rs.getString("status")),
                            rs.getString("event_id")), lab, itemCode);
        };
        String key = lab + "\u0000" + itemCode;
        if (!CurrentUnitOfWork.isStarted()) {
            return load.apply(key);
        }
        Map<String, java.util.Optional<List<IqcRun>>> cache = CurrentUnitOfWork.get().root()
                .getOrComputeResource(RecognitionProjection.class.getName() + ".iqc", k -> new HashMap<>());
        return cache.computeIfAbsent(key, k -> java.util.Optional.ofNullable(load.apply(k))).orElse(null);
    }

    /** The CV per control level and lot in the result's month (CST) as {@link ControlCv} judges it, read once per batch. */
    private List<IqcMonthlyCv> monthlyCv(String lab, String itemCode, Instant effectiveAt) {
        if (itemCode == null || effectiveAt == null) {
            return List.of();
        }
        String month = ControlCv.monthOf(effectiveAt);
        java.util.function.Function<String, List<IqcMonthlyCv>> load = key -> {
            Map<String, List<ControlCv.Value>> byLevelAndLot = new java.util.LinkedHashMap<>();
            jdbc.query("""
                    SELECT p.level || ' (' || p.lot || ')' AS level, p.value, r.status
                    FROM readmodel.rec_iqc_point p
                    LEFT JOIN readmodel.rec_iqc_run r ON r.lab_code = p.lab_code AND r.item_code = p.item_code
                        AND r.run_id = p.run_id
                    WHERE p.lab_code = ? AND p.item_code = ? AND p.month = ? ORDER BY p.level, p.lot
                    """, rs -> {
                byLevelAndLot.computeIfAbsent(rs.getString("level"), k -> new ArrayList<>()).add(new ControlCv.Value(
                        rs.getBigDecimal("value"), rs.getString("status") == null ? null
                        : RunStatus.valueOf(rs.getString("status"))));
            }, lab, itemCode, month);
            List<IqcMonthlyCv> judged = new ArrayList<>();
            byLevelAndLot.forEach((level, values) -> {
                ControlCv.Figures figures = ControlCv.of(values);
                if (figures.cvPercent() != null) {
                    judged.add(new IqcMonthlyCv(month, level, figures.cvPercent(), figures.n()));
                }
            });
            return judged;
        };
        String key = lab + "\u0000" + itemCode + "\u0000" + month;
        if (!CurrentUnitOfWork.isStarted()) {
            return load.apply(key);
        }
        Map<String, List<IqcMonthlyCv>> cache = CurrentUnitOfWork.get().root()
                .getOrComputeResource(RecognitionProjection.class.getName() + ".iqc-cv", k -> new HashMap<>());
        return cache.computeIfAbsent(key, load);
    }

    @EventHandler
    void on(ControlRunRecorded event, @Timestamp Instant at, EventMessage<?> message) {
        String month = ControlCv.monthOf(event.runAt());
        Map<String, Boolean> before = new HashMap<>();
        for (String alliance : alliancesOf(event.labCode())) {
            before.put(alliance, cvAboveMax(alliance, event.labCode(), event.itemCode(), event.runAt()));
        }
        for (ControlResult result : event.results()) {
            jdbc.update("INSERT INTO readmodel.rec_iqc_point (lab_code, item_code, run_id, level, lot, month, value) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", event.labCode(), event.itemCode(),
                    event.runId(), result.level(), event.lots().get(result.level()), month, result.value());
        }
        iqcChanged();
        // a month whose CV crosses the item's maximum re-decides that month's results
        for (String alliance : alliancesOf(event.labCode())) {
            if (before.get(alliance) != cvAboveMax(alliance, event.labCode(), event.itemCode(), event.runAt())) {
                redecide("""
                        SELECT r.result_id FROM readmodel.rec_result r
                        WHERE r.lab_id = ? AND to_char(r.effective_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ?
                          AND r.codes && (SELECT array_agg(DISTINCT l) FROM readmodel.rec_catalog c,
                              unnest(c.loinc_codes) l WHERE c.alliance_id = ? AND c.code = ?)
                        """, new Object[]{event.labCode(), month, alliance, event.itemCode()}, at, message, alliance);
            }
        }
    }

    private boolean cvAboveMax(String alliance, String lab, String itemCode, Instant at) {
        BigDecimal max = facts(alliance).catalog().stream().filter(c -> c.item().code().equals(itemCode))
                .map(c -> c.item().cvMaxPercent()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return max != null && monthlyCv(lab, itemCode, at).stream().anyMatch(cv -> cv.cvPercent().compareTo(max) > 0);
    }

    private void iqcChanged() {
        writes.flush();
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().remove(RecognitionProjection.class.getName() + ".iqc");
            CurrentUnitOfWork.get().root().resources().remove(RecognitionProjection.class.getName() + ".iqc-cv");
        }
    }

    @EventHandler
    void on(ControlLotRegistered event) {
        iqcChanged();
        jdbc.update("INSERT INTO readmodel.rec_iqc_series (lab_code, item_code) VALUES (?, ?) ON CONFLICT DO NOTHING",
                event.labCode(), event.itemCode());
    }

    @EventHandler
    void on(ControlRunEvaluated event, @Timestamp Instant at, EventMessage<?> message) {
        iqcChanged();
        jdbc.update("""
                INSERT INTO readmodel.rec_iqc_run (lab_code, item_code, run_id, run_at, status, event_id)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (lab_code, item_code, run_id) DO UPDATE SET status = excluded.status,
                    event_id = excluded.event_id
                """, event.labCode(), event.itemCode(), event.runId(), ts(event.runAt()), event.status().name(),
                message.getIdentifier());
        // the run can change the decision of results since the last accepted run before it
        Instant since = jdbc.query("SELECT max(run_at) AS since FROM readmodel.rec_iqc_run WHERE lab_code = ? "
                        + "AND item_code = ? AND status = 'ACCEPTED' AND run_at < ?",
                (rs, i) -> instant(rs.getTimestamp("since")), event.labCode(), event.itemCode(), ts(event.runAt()))
                .stream().filter(java.util.Objects::nonNull).findFirst().orElse(Instant.EPOCH);
        for (String alliance : alliancesOf(event.labCode())) {
            redecide("""
                    SELECT r.result_id FROM readmodel.rec_result r
                    WHERE r.lab_id = ? AND r.effective_at >= ? AND r.codes && (SELECT array_agg(DISTINCT l)
                        FROM readmodel.rec_catalog c, unnest(c.loinc_codes) l WHERE c.alliance_id = ? AND c.code = ?)
                    """, new Object[]{event.labCode(), ts(since), alliance, event.itemCode()}, at, message, alliance);
        }
    }

    // ------------------------------------------------------------------ EQA evidence

    @EventHandler
    void on(EqaItemGraded event, @Timestamp Instant at, EventMessage<?> message) {
        factsChanged(event.allianceId());
        jdbc.update("""
                INSERT INTO readmodel.rec_eqa_grade (alliance_id, lab_code, item_code, round_id, graded_at,
                    satisfactory, event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, event.allianceId(), event.labCode(), event.itemCode(), event.roundId(), ts(event.gradedAt()),
                event.grade().satisfactory(), message.getIdentifier());
        redecideLabItems(event.allianceId(), event.labCode(), List.of(event.itemCode()), at, message);
    }

    @EventHandler
    void on(EqaCorrectiveActionVerified event, @Timestamp Instant at, EventMessage<?> message) {
        factsChanged(event.allianceId());
        jdbc.update("INSERT INTO readmodel.rec_eqa_verified (alliance_id, lab_code, item_code, verified_at, event_id) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", event.allianceId(), event.labCode(),
                event.itemCode(), ts(at), message.getIdentifier());
        redecideLabItems(event.allianceId(), event.labCode(), List.of(event.itemCode()), at, message);
    }

    @ResetHandler
    void reset() {
        // reuse outcomes belong to this processor too and are emptied by their own reset handler
        jdbc.update("TRUNCATE readmodel.rec_result, readmodel.rec_membership, readmodel.rec_catalog, "
                + "readmodel.rec_accreditation, readmodel.rec_policy, readmodel.recognition, "
                + "readmodel.recognition_change, readmodel.rec_eqa_grade, readmodel.rec_eqa_verified, "
                + "readmodel.rec_reusable, readmodel.rec_iqc_series, readmodel.rec_iqc_run, readmodel.rec_iqc_point, "
                + "readmodel.rec_audited, readmodel.rec_finding, readmodel.rec_eqa_finding, readmodel.rec_local_code");
    }

    // ------------------------------------------------------------------ deciding

    private void redecideItem(String alliance, String itemCode, Instant at, EventMessage<?> message) {
        redecide("""
                SELECT DISTINCT r.result_id FROM readmodel.rec_result r
                JOIN readmodel.rec_membership m ON m.lab_code = r.lab_id AND m.alliance_id = ?
                WHERE r.codes && (SELECT array_agg(DISTINCT l) FROM readmodel.rec_catalog c, unnest(c.loinc_codes) l
                                  WHERE c.alliance_id = ? AND c.code = ?)
                """, new Object[]{alliance, alliance, itemCode}, at, message, alliance);
    }

    private void redecideLabItems(String alliance, String lab, List<String> items, Instant at,
                                  EventMessage<?> message) {
        redecide("""
                SELECT r.result_id FROM readmodel.rec_result r
                WHERE r.lab_id = ? AND r.codes && (SELECT array_agg(DISTINCT l) FROM readmodel.rec_catalog c,
                    unnest(c.loinc_codes) l WHERE c.alliance_id = ? AND c.code = ANY (?::text[]))
                """, new Object[]{lab, alliance, items.toArray(String[]::new)}, at, message, alliance);
    }

    private void redecide(String sql, Object arg, Instant at, EventMessage<?> message, String alliance) {
        redecide(sql, new Object[]{arg}, at, message, alliance);
    }

    private void redecide(String sql, Object[] args, Instant at, EventMessage<?> message, String alliance) {
        factsCache().remove(alliance);
        for (String resultId : jdbc.queryForList(sql, String.class, args)) {
            jdbc.query("SELECT * FROM readmodel.rec_result WHERE result_id = ?", (rs, i) -> new ResultRow(
                            rs.getString("result_id"), rs.getString("lab_id"),
                            List.of((String[]) rs.getArray("codes").getArray()), rs.getString("unit"),
                            rs.getBigDecimal("value"), ResultStatus.valueOf(rs.getString("status")),
                            instant(rs.getTimestamp("effective_at")), rs.getString("event_id"),
                            rs.getString("patient_id"), rs.getBoolean("blind"), rs.getString("local_system"),
                            rs.getString("local_code"), rs.getString("local_display"),
                            (Integer) rs.getObject("map_version")), resultId)
                    .forEach(row -> decide(row, alliance, at, message, false));
        }
    }

    /** Decides one result in one alliance as of {@code at}, keeping a history row when the status changes. */
    private void decide(ResultRow result, String alliance, Instant at, EventMessage<?> cause, boolean firstDecision) {
        AllianceFacts facts = facts(alliance);
        LocalDate day = AllianceTime.dateOf(result.effectiveAt());
        Optional<CatalogRow> version = facts.catalog().stream()
                .filter(c -> c.loincs().stream().anyMatch(result.codes()::contains))
                .filter(c -> !c.effectiveFrom().isAfter(day))
                .filter(c -> c.retiredFrom() == null || c.retiredFrom().isAfter(day))
                .findFirst();
        Optional<CatalogItem> item = version.map(CatalogRow::item);
        String loinc = item.flatMap(it -> result.codes().stream().filter(it.loincCodes()::contains).findFirst())
                .orElse(result.codes().isEmpty() ? null : result.codes().get(0));
        String itemCode = item.map(CatalogItem::code).orElse(null);
        List<IqcRun> iqc = iqcRuns(result.labId(), itemCode);
        LocalCodeFacts local = result.localCode() == null ? null : new LocalCodeFacts(result.localSystem(),
                result.localCode(), result.localDisplay(), localCodes.version(result.labId(), result.localSystem(),
                result.localCode(), result.mapVersion()));
        RecognitionFacts inputs = new RecognitionFacts(new ResultFacts(result.resultId(), result.eventId(),
                result.labId(), local != null && local.mapping() == null ? null : loinc, result.unit(),
                result.value(), result.status(), result.effectiveAt(), false, local),
                facts.membership().getOrDefault(result.labId(), List.of()), item,
                version.map(CatalogRow::version).orElse(0),
                facts.accreditations().getOrDefault(result.labId(), List.of()), facts.eqa(result.labId(), itemCode),
                iqc, facts.findingsOf(result.labId()),
                // no IQC for the item at the lab: no control values either, so no query for their monthly CV
                iqc == null ? List.of() : monthlyCv(result.labId(), itemCode, result.effectiveAt()));
        RecognitionDecision decision = RecognitionRules.decide(inputs, knownBy(at), facts.policy());
        if (firstDecision) {
            first(result.resultId(), alliance, decision, itemCode, at, cause);
        } else {
            writes.flush();
            store(result.resultId(), alliance, decision, itemCode, at, cause);
        }
        writes.add(REUSABLE_UPSERT, result.resultId(), alliance, result.patientId(), itemCode,
                ts(result.effectiveAt()), result.labId(), decision.status().name(),
                decision.status() == RecognitionStatus.RECOGNIZED, result.blind());
    }

    private static final String REUSABLE_UPSERT = """
            INSERT INTO readmodel.rec_reusable (result_id, alliance_id, patient_id, item_code, effective_at, lab_id,
                status, ever_recognized, blind)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (result_id, alliance_id) DO UPDATE SET patient_id = excluded.patient_id,
                item_code = excluded.item_code, effective_at = excluded.effective_at, status = excluded.status,
                ever_recognized = rec_reusable.ever_recognized OR excluded.ever_recognized
            """;

    /**
     * What is known when an event is decided: everything up to the end of the millisecond it was recorded in. The
     * store keeps event times to the millisecond, while times inside events (a grading, a run, an effective time)
     * keep their microseconds — a grade made a moment before its event was stored must not look later than it.
     */
    static Instant knownBy(Instant recorded) {
        return recorded.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusNanos(999_999);
    }

    /** A new result's first decision: batched, nothing to compare with. */
    private void first(String resultId, String alliance, RecognitionDecision decision, String itemCode, Instant at,
                       EventMessage<?> cause) {
        String criteria = Json.write(decision.criteria());
        String status = decision.status().name();
        boolean recognized = decision.isRecognized();
        String causeType = cause.getPayloadType().getSimpleName();
        writes.add("""
                INSERT INTO readmodel.recognition (result_id, alliance_id, status, ever_recognized, since, item_code,
                    criteria, cause_event_id, cause_type, failing, not_yet_known)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?::text[]) ON CONFLICT (result_id, alliance_id) DO NOTHING
                """, resultId, alliance, status, recognized, ts(at), itemCode, criteria, cause.getIdentifier(),
                causeType, codes(decision, CriterionVerdict.FAIL), codes(decision, CriterionVerdict.NOT_YET_KNOWN));
        writes.add(CHANGE_INSERT, resultId, alliance, status, ts(at), criteria, cause.getIdentifier(), causeType,
                itemCode, recognized, null);
    }

    private static final String CHANGE_INSERT = """
            INSERT INTO readmodel.recognition_change (result_id, alliance_id, status, at, criteria, cause_event_id,
                cause_type, item_code, ever_recognized, withdrawn_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static String[] codes(RecognitionDecision decision, CriterionVerdict verdict) {
        return decision.criteriaWith(verdict).stream().map(Enum::name).toArray(String[]::new);
    }

    private void store(String resultId, String alliance, RecognitionDecision decision, String itemCode, Instant at,
                       EventMessage<?> cause) {
        String criteria = Json.write(decision.criteria());
        List<Previous> previous = jdbc.query("SELECT status, ever_recognized, withdrawn_at, criteria "
                        + "FROM readmodel.recognition WHERE result_id = ? AND alliance_id = ?",
                (rs, i) -> new Previous(rs.getString("status"), rs.getBoolean("ever_recognized"),
                        instant(rs.getTimestamp("withdrawn_at")), rs.getString("criteria")), resultId, alliance);
        String status = decision.status().name();
        boolean recognized = decision.isRecognized();
        String causeType = cause.getPayloadType().getSimpleName();
        String[] failing = codes(decision, CriterionVerdict.FAIL);
        String[] notYetKnown = codes(decision, CriterionVerdict.NOT_YET_KNOWN);
        boolean ever = recognized;
        Instant withdrawnAt = null;
        if (previous.isEmpty()) {
            jdbc.update("""
                    INSERT INTO readmodel.recognition (result_id, alliance_id, status, ever_recognized, since, item_code,
                        criteria, cause_event_id, cause_type, failing, not_yet_known)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?::text[])
                    """, resultId, alliance, status, recognized, ts(at), itemCode, criteria, cause.getIdentifier(),
                    causeType, failing, notYetKnown);
        } else if (!previous.get(0).status().equals(status)) {
            boolean withdrawn = previous.get(0).status().equals(RecognitionStatus.RECOGNIZED.name()) && !recognized;
            ever = previous.get(0).everRecognized() || recognized;
            withdrawnAt = withdrawn ? at : previous.get(0).withdrawnAt();
            jdbc.update("""
                    UPDATE readmodel.recognition SET status = ?, ever_recognized = ?, since = ?, withdrawn_at = ?,
                        item_code = ?, criteria = ?, cause_event_id = ?, cause_type = ?, failing = ?::text[],
                        not_yet_known = ?::text[]
                    WHERE result_id = ? AND alliance_id = ?
                    """, status, ever, ts(at), ts(withdrawnAt), itemCode, criteria, cause.getIdentifier(),
                    causeType, failing, notYetKnown, resultId, alliance);
        } else if (!Json.tree(previous.get(0).criteria()).equals(Json.tree(criteria))) {
            jdbc.update("UPDATE readmodel.recognition SET criteria = ?, item_code = ?, failing = ?::text[], "
                    + "not_yet_known = ?::text[] WHERE result_id = ? AND alliance_id = ?", criteria, itemCode,
                    failing, notYetKnown, resultId, alliance);
            return;
        } else {
            return;
        }
        jdbc.update(CHANGE_INSERT, resultId, alliance, status, ts(at), criteria, cause.getIdentifier(), causeType,
                itemCode, ever, ts(withdrawnAt));
    }

    // ------------------------------------------------------------------ queries

    /**
     * The one rule for who counts a result of the reuse index (or of {@code rec_result}) under {@code alias}: every
     * result counts for everyone, except a blind sample's (盲样), which counts only for the lab that holds it — to that
     * lab it is an ordinary patient result in every answer and figure (DOMAIN.md §3: it must not tell them apart); to
     * every other lab, and to figures no lab asks for (QC managers' alliance views, KPIs, gauges), it does not exist.
     * Binds one parameter: the lab asking, or null.
     */
    public static String countsFor(String alias) {
        return "(NOT " + alias + ".blind OR " + alias + ".lab_id IS NOT DISTINCT FROM ?::text)";
    }

    @QueryHandler
    public List<RecognitionView> recognition(GetRecognition query) {
        if (query.asOf() == null) {
            return jdbc.query("SELECT * FROM readmodel.recognition WHERE result_id = ? ORDER BY alliance_id",
                    (rs, i) -> new RecognitionView(rs.getString("alliance_id"), rs.getString("status"),
                            rs.getBoolean("ever_recognized"), instant(rs.getTimestamp("since")),
                            instant(rs.getTimestamp("withdrawn_at")), rs.getString("item_code"),
                            rs.getString("criteria"), rs.getString("cause_event_id"), rs.getString("cause_type")),
                    query.resultId());
        }
        List<RecognitionView> views = new ArrayList<>();
        jdbc.query("""
                SELECT DISTINCT ON (alliance_id) * FROM readmodel.recognition_change
                WHERE result_id = ? AND at <= ? ORDER BY alliance_id, seq DESC
                """, rs -> {
            views.add(changeView(rs));
        }, query.resultId(), ts(query.asOf()));
        return views;
    }

    /** Results of an alliance by current recognition, per lab, item, month taken (CST) or for the whole alliance. */
    @QueryHandler
    public List<RecognitionRate> rates(GetRecognitionRates query) {
        String group = switch (query.by()) {
            case ALLIANCE -> "r.alliance_id";
            case LAB -> "r.lab_id";
            case ITEM -> "coalesce(r.item_code, '?')";
            case MONTH -> "coalesce(to_char(r.effective_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), '?')";
        };
        return jdbc.query("SELECT " + group + " AS grp, count(*) AS results,"
                        + " count(*) FILTER (WHERE r.status = 'RECOGNIZED') AS recognized,"
                        + " count(*) FILTER (WHERE r.status = 'NOT_RECOGNIZED' AND NOT r.ever_recognized) AS never,"
                        + " count(*) FILTER (WHERE r.status = 'NOT_RECOGNIZED' AND r.ever_recognized) AS withdrawn,"
                        + " count(*) FILTER (WHERE r.status = 'PENDING') AS pending"
                        + " FROM readmodel.rec_reusable r WHERE r.alliance_id = ? AND " + countsFor("r")
                        + " GROUP BY grp ORDER BY grp",
                (rs, i) -> {
                    long results = rs.getLong("results");
                    long recognized = rs.getLong("recognized");
                    return new RecognitionRate(rs.getString("grp"), results, recognized, rs.getLong("never"),
                            rs.getLong("withdrawn"), rs.getLong("pending"), results == 0 ? null
                            : BigDecimal.valueOf(recognized * 100L).divide(BigDecimal.valueOf(results), 2,
                            RoundingMode.HALF_UP));
                }, query.allianceId(), query.requestingLab());
    }

    @QueryHandler
    public List<RecognitionView> history(GetRecognitionHistory query) {
        return jdbc.query("SELECT * FROM readmodel.recognition_change WHERE result_id = ? ORDER BY seq",
                (rs, i) -> changeView(rs), query.resultId());
    }

    /** A change row as the decision it recorded: status, since, ever recognized and last withdrawn then. */
    private static RecognitionView changeView(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new RecognitionView(rs.getString("alliance_id"), rs.getString("status"),
                rs.getBoolean("ever_recognized"), instant(rs.getTimestamp("at")),
                instant(rs.getTimestamp("withdrawn_at")), rs.getString("item_code"), rs.getString("criteria"),
                rs.getString("cause_event_id"), rs.getString("cause_type"));
    }

    /**
     * The newest recognized result of the patient for the item in the alliance that is still within the item's
     * validity window at {@code at}; the patient is found through every member's patient record carrying one of
     * the identifiers, the item through any of its LOINC codes.
     */
    @QueryHandler
    public ReusableAnswer reusable(FindReusable query) {
        List<Object> args = new ArrayList<>(List.of(query.allianceId(), bare(query.code())));
        // the records carrying the identifier, and every record linked to one of them (the same person)
        String person = PatientLinkProjection.samePerson(query.patientIdentifiers(), args);
        args.add(query.allianceId());
        args.add(query.requestingLab());
        // one round trip: the item's versions (code, validity window 互认时限 per effective date) and the patient's
        // newest decided results of the newest version's item
        List<ItemValidity> versions = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        jdbc.query("""
                WITH v AS (SELECT code, effective_from, (item->>'validityDays')::int AS days, version
                           FROM readmodel.rec_catalog WHERE alliance_id = ? AND ? = ANY (loinc_codes))
                SELECT 'v' AS kind, code AS item_code, effective_from, days, version, NULL::text AS result_id,
                       NULL::text AS lab_id, NULL::timestamptz AS effective_at, NULL::text AS status
                FROM v
                UNION ALL
                (SELECT 'c', u.item_code, NULL, NULL, NULL, u.result_id, u.lab_id, u.effective_at, u.status
                 FROM readmodel.rec_reusable u
                 WHERE u.patient_id IN (%s)
                   AND u.alliance_id = ? AND %s
                   AND u.item_code = (SELECT code FROM v ORDER BY version DESC LIMIT 1)
                 ORDER BY u.effective_at DESC NULLS LAST
                 LIMIT 50)
                """.formatted(person, countsFor("u")), rs -> {
            if ("v".equals(rs.getString("kind"))) {
                versions.add(new ItemValidity(rs.getString("item_code"),
                        rs.getObject("effective_from", LocalDate.class), rs.getInt("days"), rs.getInt("version")));
            } else {
                candidates.add(new Candidate(rs.getString("result_id"), rs.getString("lab_id"),
                        instant(rs.getTimestamp("effective_at")), rs.getString("status"), rs.getString("item_code")));
            }
        }, args.toArray());
        versions.sort(java.util.Comparator.comparingInt(ItemValidity::version).reversed());
        candidates.sort(java.util.Comparator.comparing(Candidate::effectiveAt,
                java.util.Comparator.nullsLast(java.util.Comparator.<Instant>reverseOrder())));
        List<String> itemCodes = versions.stream().map(ItemValidity::code).distinct().toList();
        if (itemCodes.isEmpty()) {
            return ReusableAnswer.none(List.of("code " + query.code() + " is not an item of the catalog of alliance "
                    + query.allianceId() + ": its results are not recognized there"));
        }
        if (candidates.isEmpty()) {
            return ReusableAnswer.none(itemCodes.get(0), List.of("no result of item " + itemCodes.get(0)
                    + " for this patient at any member of alliance " + query.allianceId()));
        }
        List<String> reasons = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (!"RECOGNIZED".equals(candidate.status())) {
                reasons.add("result " + candidate.id() + " of " + candidate.labId() + " is " + candidate.status()
                        .toLowerCase().replace('_', '-'));
                continue;
            }
            LocalDate day = AllianceTime.dateOf(candidate.effectiveAt());
            Integer validity = versions.stream().filter(v -> v.code().equals(candidate.itemCode()))
                    .filter(v -> !v.effectiveFrom().isAfter(day)).findFirst().map(ItemValidity::days).orElse(null);
            if (validity == null) {
                reasons.add("result " + candidate.id() + ": no catalog version in force on " + day);
                continue;
            }
            Instant validUntil = candidate.effectiveAt().plus(Duration.ofDays(validity));
            if (query.at().isAfter(validUntil)) {
                reasons.add("the newest recognized result " + candidate.id() + " (" + candidate.labId()
                        + ") was valid for " + validity + " days, until " + validUntil + ": too old (TOO_OLD)");
                return ReusableAnswer.none(itemCodes.get(0), reasons);
            }
            return new ReusableAnswer(candidate.id(), candidate.labId(), candidate.itemCode(),
                    candidate.effectiveAt(), validUntil, reasons);
        }
        return ReusableAnswer.none(itemCodes.get(0), reasons);
    }

    private static String bare(String code) {
        return code.contains("|") ? code.substring(code.indexOf('|') + 1) : code;
    }

    private record Candidate(String id, String labId, Instant effectiveAt, String status, String itemCode) {
    }

    // ------------------------------------------------------------------ rows and JSON

    /** A result as decided: its LOINC codes (a local code's mapped one), and the local code it came under, if any. */
    private record ResultRow(String resultId, String labId, List<String> codes, String unit, BigDecimal value,
                             ResultStatus status, Instant effectiveAt, String eventId, String patientId,
                             boolean blind, String localSystem, String localCode, String localDisplay,
                             Integer mapVersion) {
    }

    private record ItemValidity(String code, LocalDate effectiveFrom, int days, int version) {
    }

    private record CatalogRow(CatalogItem item, int version, LocalDate effectiveFrom, LocalDate retiredFrom,
                              List<String> loincs) {
    }

    private record Previous(String status, boolean everRecognized, Instant withdrawnAt, String criteria) {
    }


    private static CatalogItem read(String json) {
        return Json.read(json, CatalogItem.class);
    }

}
