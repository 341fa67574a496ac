package org.huren.projections.alliance;

import com.fasterxml.jackson.core.type.TypeReference;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.alliance.AccreditationExpired;
import org.huren.domain.alliance.AccreditationWithdrawn;
import org.huren.domain.alliance.AllianceFormed;
import org.huren.domain.alliance.AllianceTime;
import org.huren.domain.alliance.LabAccredited;
import org.huren.domain.alliance.LabEnrolled;
import org.huren.domain.alliance.MemberReinstated;
import org.huren.domain.alliance.MemberSuspended;
import org.huren.domain.alliance.MemberWithdrawn;
import org.huren.domain.alliance.RecognitionPolicySet;
import org.huren.domain.alliance.query.AccreditationChange;
import org.huren.domain.alliance.query.AllianceOverview;
import org.huren.domain.alliance.query.AllianceView;
import org.huren.domain.alliance.query.AssessmentView;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.alliance.query.FindMemberLabs;
import org.huren.domain.alliance.query.GetAccreditationHistory;
import org.huren.domain.alliance.query.GetAllianceOverview;
import org.huren.domain.alliance.query.GetAssessment;
import org.huren.domain.alliance.query.GetCatalog;
import org.huren.domain.alliance.query.ListAlliances;
import org.huren.domain.alliance.query.MemberLabView;
import org.huren.domain.assessment.AssessmentClosed;
import org.huren.domain.assessment.AssessmentOpened;
import org.huren.domain.assessment.Dimension;
import org.huren.domain.assessment.DimensionScored;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.catalog.CatalogItemAmended;
import org.huren.domain.catalog.CatalogItemPublished;
import org.huren.domain.catalog.CatalogItemRetired;
import org.huren.domain.common.Identifier;
import org.huren.projections.support.SqlFilter;
import org.huren.projections.support.Json;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.huren.projections.support.Sql.instant;
import static org.huren.projections.support.Sql.ts;

/**
 * Alliances as QC managers review them: members, the catalog with every version, who is accredited for
 * what (the overview) and why each accreditation changed (the history), and on-site assessments.
 */
@Component
@ProcessingGroup(AllianceProjection.GROUP)
public class AllianceProjection {

    public static final String GROUP = "alliance";


    private final JdbcTemplate jdbc;

    public AllianceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ events

    @EventHandler
    void on(AllianceFormed event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO readmodel.alliance (id, name, kind, integration, core_institution, formed_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                """, event.allianceId(), event.name(), event.kind().name(), event.integration().name(),
                event.coreInstitution(), ts(at));
    }

    @EventHandler
    void on(RecognitionPolicySet event) {
        jdbc.update("UPDATE readmodel.alliance SET not_yet_known_blocks = ?, iqc_bracket_hours = ?, "
                + "eqa_max_age_days = ? WHERE id = ?", event.notYetKnownBlocks(), event.iqcBracketHours(),
                event.eqaMaxAgeDays(), event.allianceId());
    }

    @EventHandler
    void on(LabEnrolled event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO readmodel.alliance_member (alliance_id, lab_code, institution, level, status, since,
                    identifiers)
                VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?::jsonb)
                ON CONFLICT (alliance_id, lab_code) DO UPDATE SET institution = excluded.institution,
                    level = excluded.level, status = 'ACTIVE', status_reason = NULL, since = excluded.since,
                    identifiers = excluded.identifiers
                """, event.allianceId(), event.labCode(), event.institution(), event.level().name(),
                ts(event.effectiveFrom(at)), Json.write(event.identifiers()));
        jdbc.update("DELETE FROM readmodel.alliance_member_identifier WHERE alliance_id = ? AND lab_code = ?",
                event.allianceId(), event.labCode());
        for (Identifier identifier : event.identifiers()) {
            jdbc.update("""
                    INSERT INTO readmodel.alliance_member_identifier (alliance_id, lab_code, system, value)
                    VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """, event.allianceId(), event.labCode(),
                    identifier.system() == null ? "" : identifier.system(), identifier.value());
        }
    }

    @EventHandler
    void on(MemberSuspended event) {
        memberStatus(event.allianceId(), event.labCode(), "SUSPENDED", event.reason());
    }

    @EventHandler
    void on(MemberReinstated event) {
        memberStatus(event.allianceId(), event.labCode(), "ACTIVE", event.reason());
    }

    @EventHandler
    void on(MemberWithdrawn event) {
        memberStatus(event.allianceId(), event.labCode(), "WITHDRAWN", event.reason());
    }

    private void memberStatus(String allianceId, String labCode, String status, String reason) {
        jdbc.update("UPDATE readmodel.alliance_member SET status = ?, status_reason = ? "
                + "WHERE alliance_id = ? AND lab_code = ?", status, reason, allianceId, labCode);
    }

    @EventHandler
    void on(CatalogItemPublished event) {
        catalogVersion(event.allianceId(), event.item(), event.version());
    }

    @EventHandler
    void on(CatalogItemAmended event) {
        catalogVersion(event.allianceId(), event.item(), event.version());
    }

    private void catalogVersion(String allianceId, CatalogItem item, int version) {
        jdbc.update("""
                INSERT INTO readmodel.catalog_item_version (alliance_id, code, version, effective_from, loinc_codes,
                    item)
                VALUES (?, ?, ?, ?, ?::text[], ?::jsonb) ON CONFLICT DO NOTHING
                """, allianceId, item.code(), version, item.effectiveFrom(),
                item.loincCodes().toArray(String[]::new), Json.write(item));
    }

    @EventHandler
    void on(CatalogItemRetired event) {
        jdbc.update("""
                INSERT INTO readmodel.catalog_item_retirement (alliance_id, code, effective_from, reason)
                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, event.allianceId(), event.itemCode(), event.effectiveFrom(), event.reason());
    }

    @EventHandler
    void on(LabAccredited event, @Timestamp Instant at, EventMessage<?> message) {
        for (String item : event.itemCodes()) {
            jdbc.update("""
                    INSERT INTO readmodel.accreditation (alliance_id, lab_code, item_code, status, valid_from,
                        valid_until, assessment_id, assessors)
                    VALUES (?, ?, ?, 'ACCREDITED', ?, ?, ?, ?::jsonb)
                    ON CONFLICT (alliance_id, lab_code, item_code) DO UPDATE SET status = 'ACCREDITED',
                        valid_from = excluded.valid_from, valid_until = excluded.valid_until,
                        assessment_id = excluded.assessment_id, assessors = excluded.assessors, ended_at = NULL,
                        end_reason = NULL
                    """, event.allianceId(), event.labCode(), item, event.validFrom(), event.validUntil(),
                    event.assessmentId(), Json.write(event.assessors()));
            change(event.allianceId(), event.labCode(), item, "ACCREDITED",
                    event.validFrom().atStartOfDay(AllianceTime.ZONE).toInstant(), at, event.validUntil(),
                    event.assessmentId(), null, message);
        }
    }

    @EventHandler
    void on(AccreditationWithdrawn event, @Timestamp Instant at, EventMessage<?> message) {
        endAccreditation(event.allianceId(), event.labCode(), event.itemCode(), "WITHDRAWN", event.effectiveAt(),
                event.reason());
        change(event.allianceId(), event.labCode(), event.itemCode(), "WITHDRAWN", event.effectiveAt(), at, null,
                null, event.reason(), message);
    }

    @EventHandler
    void on(AccreditationExpired event, @Timestamp Instant at, EventMessage<?> message) {
        endAccreditation(event.allianceId(), event.labCode(), event.itemCode(), "EXPIRED", event.expiredAt(),
                "valid until " + event.validUntil());
        change(event.allianceId(), event.labCode(), event.itemCode(), "EXPIRED", event.expiredAt(), at,
                event.validUntil(), null, null, message);
    }

    private void endAccreditation(String allianceId, String labCode, String itemCode, String status, Instant at,
                                  String reason) {
        jdbc.update("UPDATE readmodel.accreditation SET status = ?, ended_at = ?, end_reason = ? "
                + "WHERE alliance_id = ? AND lab_code = ? AND item_code = ?", status, ts(at), reason, allianceId,
                labCode, itemCode);
    }

    private void change(String allianceId, String labCode, String itemCode, String change, Instant effectiveAt,
                        Instant recordedAt, LocalDate validUntil, String assessmentId, String reason,
                        EventMessage<?> message) {
        jdbc.update("""
                INSERT INTO readmodel.accreditation_change (alliance_id, lab_code, item_code, change, effective_at,
                    recorded_at, valid_until, assessment_id, reason, event_id, event_type)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, allianceId, labCode, itemCode, change, ts(effectiveAt), ts(recordedAt), validUntil,
                assessmentId, reason, message.getIdentifier(), message.getPayloadType().getSimpleName());
    }

    @EventHandler
    void on(AssessmentOpened event) {
        jdbc.update("""
                INSERT INTO readmodel.assessment (id, alliance_id, lab_code, assessors, visit_date, status)
                VALUES (?, ?, ?, ?::jsonb, ?, 'OPEN') ON CONFLICT (id) DO NOTHING
                """, event.assessmentId(), event.allianceId(), event.labCode(), Json.write(event.assessors()),
                event.visitDate());
    }

    @EventHandler
    void on(DimensionScored event) {
        jdbc.update("""
                INSERT INTO readmodel.assessment_score (assessment_id, dimension, verdict, findings, notes)
                VALUES (?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (assessment_id, dimension) DO UPDATE SET verdict = excluded.verdict,
                    findings = excluded.findings, notes = excluded.notes
                """, event.assessmentId(), event.dimension().name(), event.verdict().name(), Json.write(event.findings()),
                event.notes());
    }

    @EventHandler
    void on(AssessmentClosed event) {
        jdbc.update("UPDATE readmodel.assessment SET status = 'CLOSED', outcome = ?, item_codes = ?::jsonb, "
                        + "valid_until = ? WHERE id = ?", event.outcome().name(), Json.write(event.itemCodes()),
                event.validUntil(), event.assessmentId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE readmodel.alliance, readmodel.alliance_member, readmodel.alliance_member_identifier, "
                + "readmodel.catalog_item_version, readmodel.catalog_item_retirement, readmodel.accreditation, "
                + "readmodel.accreditation_change, readmodel.assessment, readmodel.assessment_score");
    }

    // ------------------------------------------------------------------ queries

    private static final RowMapper<AllianceView> ALLIANCE = (rs, i) -> new AllianceView(rs.getString("id"),
            rs.getString("name"), rs.getString("kind"), rs.getString("integration"),
            rs.getString("core_institution"), instant(rs.getTimestamp("formed_at")),
            new AllianceView.RecognitionPolicyView(rs.getBoolean("not_yet_known_blocks"),
                    rs.getInt("iqc_bracket_hours"), rs.getInt("eqa_max_age_days")));

    private static final RowMapper<MemberLabView> MEMBER = (rs, i) -> new MemberLabView(rs.getString("alliance_id"),
            rs.getString("lab_code"), rs.getString("institution"), rs.getString("level"), rs.getString("status"),
            rs.getString("status_reason"), instant(rs.getTimestamp("since")),
            Json.read(rs.getString("identifiers"), new TypeReference<List<Identifier>>() {
            }));

    @QueryHandler
    public List<AllianceView> alliances(ListAlliances query) {
        return jdbc.query("SELECT * FROM readmodel.alliance ORDER BY formed_at", ALLIANCE);
    }

    @QueryHandler
    public List<MemberLabView> members(FindMemberLabs query) {
        SqlFilter filter = new SqlFilter();
        if (query.allianceId() != null) {
            filter.and("m.alliance_id = ?", query.allianceId());
        }
        if (query.labCode() != null) {
            filter.and("m.lab_code = ?", query.labCode());
        }
        if (query.identifierValue() != null) {
            boolean anySystem = query.identifierSystem() == null || query.identifierSystem().isBlank();
            filter.and("EXISTS (SELECT 1 FROM readmodel.alliance_member_identifier i WHERE i.alliance_id = "
                            + "m.alliance_id AND i.lab_code = m.lab_code AND i.value = ?"
                            + (anySystem ? ")" : " AND i.system = ?)"),
                    anySystem ? new Object[]{query.identifierValue()}
                            : new Object[]{query.identifierValue(), query.identifierSystem()});
        }
        if (query.nameContains() != null && !query.nameContains().isBlank()) {
            filter.and("lower(m.institution) LIKE ?", "%" + query.nameContains().toLowerCase() + "%");
        }
        return jdbc.query("SELECT m.* FROM readmodel.alliance_member m" + filter.where()
                + " ORDER BY m.alliance_id, m.lab_code", MEMBER, filter.args());
    }

    @QueryHandler
    public List<CatalogItemView> catalog(GetCatalog query) {
        LocalDate asOf = query.asOf() == null ? LocalDate.now(AllianceTime.ZONE) : query.asOf();
        return jdbc.query("""
                SELECT DISTINCT ON (v.code) v.item, v.version, r.effective_from AS retired_from
                FROM readmodel.catalog_item_version v
                LEFT JOIN readmodel.catalog_item_retirement r ON r.alliance_id = v.alliance_id AND r.code = v.code
                WHERE v.alliance_id = ? AND v.effective_from <= ?
                  AND (? OR r.effective_from IS NULL OR r.effective_from > ?)
                ORDER BY v.code, v.version DESC
                """, (rs, i) -> new CatalogItemView(Json.read(rs.getString("item"), new TypeReference<CatalogItem>() {
                }), rs.getInt("version"), rs.getObject("retired_from", LocalDate.class)),
                query.allianceId(), asOf, query.includeRetired(), asOf);
    }

    @QueryHandler
    public Optional<AllianceOverview> overview(GetAllianceOverview query) {
        List<AllianceView> alliance = jdbc.query("SELECT * FROM readmodel.alliance WHERE id = ?", ALLIANCE,
                query.allianceId());
        if (alliance.isEmpty()) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(AllianceTime.ZONE);
        List<String> items = catalog(new GetCatalog(query.allianceId(), today, false)).stream()
                .map(v -> v.item().code()).sorted().toList();
        Map<String, Map<String, AllianceOverview.Cell>> cells = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM readmodel.accreditation WHERE alliance_id = ?", rs -> {
            String status = rs.getString("status");
            LocalDate from = rs.getObject("valid_from", LocalDate.class);
            LocalDate until = rs.getObject("valid_until", LocalDate.class);
            if ("ACCREDITED".equals(status) && until.isBefore(today)) {
                status = "EXPIRED"; // its deadline has not been processed yet
            }
            boolean inForce = "ACCREDITED".equals(status) && !from.isAfter(today);
            cells.computeIfAbsent(rs.getString("lab_code"), k -> new LinkedHashMap<>()).put(
                    rs.getString("item_code"), new AllianceOverview.Cell(rs.getString("item_code"), inForce, status,
                            from, until, rs.getString("assessment_id"),
                            Json.read(rs.getString("assessors"), new TypeReference<List<String>>() {
                            })));
        }, query.allianceId());
        List<AllianceOverview.LabRow> rows = new ArrayList<>();
        for (MemberLabView member : members(new FindMemberLabs(query.allianceId(), null, null, null, null))) {
            Map<String, AllianceOverview.Cell> labCells = cells.getOrDefault(member.labCode(), Map.of());
            List<AllianceOverview.Cell> row = items.stream().map(code -> labCells.getOrDefault(code,
                    new AllianceOverview.Cell(code, false, "NONE", null, null, null, List.of()))).toList();
            rows.add(new AllianceOverview.LabRow(member, row));
        }
        return Optional.of(new AllianceOverview(alliance.get(0), items, rows));
    }

    @QueryHandler
    public List<AccreditationChange> history(GetAccreditationHistory query) {
        return jdbc.query("SELECT * FROM readmodel.accreditation_change WHERE alliance_id = ? AND lab_code = ? "
                + "ORDER BY seq", (rs, i) -> new AccreditationChange(rs.getString("item_code"), rs.getString("change"),
                instant(rs.getTimestamp("effective_at")), instant(rs.getTimestamp("recorded_at")),
                rs.getObject("valid_until", LocalDate.class), rs.getString("assessment_id"), rs.getString("reason"),
                rs.getString("event_id"), rs.getString("event_type")), query.allianceId(), query.labCode());
    }

    @QueryHandler
    public Optional<AssessmentView> assessment(GetAssessment query) {
        List<AssessmentView.Score> scores = jdbc.query(
                "SELECT * FROM readmodel.assessment_score WHERE assessment_id = ? ORDER BY dimension",
                (rs, i) -> new AssessmentView.Score(rs.getString("dimension"),
                        Dimension.valueOf(rs.getString("dimension")).nameZh(), rs.getString("verdict"),
                        Json.read(rs.getString("findings"), new TypeReference<List<String>>() {
                        }), rs.getString("notes")), query.assessmentId());
        return jdbc.query("SELECT * FROM readmodel.assessment WHERE id = ?", (rs, i) -> new AssessmentView(
                rs.getString("id"), rs.getString("alliance_id"), rs.getString("lab_code"),
                Json.read(rs.getString("assessors"), new TypeReference<List<String>>() {
                }), rs.getObject("visit_date", LocalDate.class), rs.getString("status"), scores,
                rs.getString("outcome"), rs.getString("item_codes") == null ? Set.of()
                : Json.read(rs.getString("item_codes"), new TypeReference<Set<String>>() {
                }), rs.getObject("valid_until", LocalDate.class)), query.assessmentId()).stream().findFirst();
    }

    // ------------------------------------------------------------------ JSON columns


}
