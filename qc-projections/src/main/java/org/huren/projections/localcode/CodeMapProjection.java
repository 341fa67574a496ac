package org.huren.projections.localcode;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.localcode.LocalCodeMapped;
import org.huren.domain.localcode.LocalCodeMapping;
import org.huren.domain.localcode.LocalCodeMappingAmended;
import org.huren.domain.localcode.LocalCodeRetired;
import org.huren.domain.localcode.query.CodeMapView;
import org.huren.domain.localcode.query.GetCodeMaps;
import org.huren.domain.localcode.query.MappedCodeView;
import org.huren.domain.localcode.query.MappingChangeView;
import org.huren.projections.alliance.AllianceProjection;
import org.huren.projections.support.SqlFilter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.huren.projections.support.Sql.instant;
import static org.huren.projections.support.Sql.ts;

/**
 * Labs' code maps of their local item codes (ADR 0017) as QC managers review them and FHIR serves them as
 * ConceptMaps: each map's version, and every change of every code. Fed by the alliance processor, beside the
 * catalog its mappings point into, so that one position tells both have caught up.
 */
@Component
@ProcessingGroup(AllianceProjection.GROUP)
public class CodeMapProjection {

    private final JdbcTemplate jdbc;

    public CodeMapProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LocalCodeMapped event, @Timestamp Instant at, EventMessage<?> message) {
        changed(event.codeMapId(), event.labCode(), event.system(), event.mapVersion(), at);
        mapping(event.codeMapId(), event.mapVersion(), "MAPPED", event.mapping(), at, message);
    }

    @EventHandler
    void on(LocalCodeMappingAmended event, @Timestamp Instant at, EventMessage<?> message) {
        changed(event.codeMapId(), event.labCode(), event.system(), event.mapVersion(), at);
        mapping(event.codeMapId(), event.mapVersion(), "AMENDED", event.mapping(), at, message);
    }

    @EventHandler
    void on(LocalCodeRetired event, @Timestamp Instant at, EventMessage<?> message) {
        changed(event.codeMapId(), event.labCode(), event.system(), event.mapVersion(), at);
        jdbc.update("""
                INSERT INTO readmodel.code_map_change (code_map_id, map_version, code, change, effective_from,
                    retroactive, reason, recorded_at, event_id)
                VALUES (?, ?, ?, 'RETIRED', ?, false, ?, ?, ?) ON CONFLICT DO NOTHING
                """, event.codeMapId(), event.mapVersion(), event.code(), event.effectiveFrom(), event.reason(),
                ts(at), message.getIdentifier());
    }

    private void changed(String codeMapId, String lab, String system, int version, Instant at) {
        jdbc.update("""
                INSERT INTO readmodel.code_map (code_map_id, lab_code, system, version, updated_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (code_map_id) DO UPDATE SET version = greatest(code_map.version, excluded.version),
                    updated_at = CASE WHEN excluded.version > code_map.version THEN excluded.updated_at
                                      ELSE code_map.updated_at END
                """, codeMapId, lab, system, version, ts(at));
    }

    private void mapping(String codeMapId, int version, String change, LocalCodeMapping m, Instant at,
                         EventMessage<?> message) {
        jdbc.update("""
                INSERT INTO readmodel.code_map_change (code_map_id, map_version, code, change, effective_from,
                    retroactive, display, unit, item_code, item_name, loinc, catalog_unit, alliance_id, recorded_at,
                    event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, codeMapId, version, m.code(), change, m.effectiveFrom(), m.retroactive(), m.display(), m.unit(),
                m.itemCode(), m.itemName(), m.loinc(), m.catalogUnit(), m.allianceId(), ts(at),
                message.getIdentifier());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE readmodel.code_map, readmodel.code_map_change");
    }

    /** The maps asked for, each code with what the map says of it now and its whole history. */
    @QueryHandler
    public List<CodeMapView> codeMaps(GetCodeMaps query) {
        SqlFilter filter = new SqlFilter();
        if (query.labCodes() != null) {
            filter.and("lab_code = ANY (?::text[])", (Object) query.labCodes().toArray(String[]::new));
        }
        if (query.codeMapId() != null) {
            filter.and("code_map_id = ?", query.codeMapId());
        }
        List<CodeMapView> maps = jdbc.query("SELECT * FROM readmodel.code_map" + filter.where()
                        + " ORDER BY lab_code, system", (rs, i) -> new CodeMapView(rs.getString("code_map_id"),
                        rs.getString("lab_code"), rs.getString("system"), rs.getInt("version"),
                        instant(rs.getTimestamp("updated_at")), List.of()), filter.args());
        if (maps.isEmpty()) {
            return maps;
        }
        Map<String, Map<String, List<MappingChangeView>>> changes = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM readmodel.code_map_change WHERE code_map_id = ANY (?::text[]) "
                + "ORDER BY code_map_id, code, map_version", rs -> {
            changes.computeIfAbsent(rs.getString("code_map_id"), k -> new LinkedHashMap<>())
                    .computeIfAbsent(rs.getString("code"), k -> new ArrayList<>())
                    .add(new MappingChangeView(rs.getInt("map_version"), rs.getString("change"),
                            rs.getObject("effective_from", LocalDate.class), rs.getBoolean("retroactive"),
                            rs.getString("display"), rs.getString("unit"), rs.getString("item_code"),
                            rs.getString("item_name"), rs.getString("loinc"), rs.getString("catalog_unit"),
                            rs.getString("alliance_id"), rs.getString("reason"),
                            instant(rs.getTimestamp("recorded_at")), rs.getString("event_id")));
        }, (Object) maps.stream().map(CodeMapView::codeMapId).toArray(String[]::new));
        List<CodeMapView> views = new ArrayList<>();
        for (CodeMapView map : maps) {
            List<MappedCodeView> codes = new ArrayList<>();
            changes.getOrDefault(map.codeMapId(), Map.of()).forEach((code, history) -> codes.add(current(code,
                    history)));
            views.add(new CodeMapView(map.codeMapId(), map.labCode(), map.system(), map.version(), map.updatedAt(),
                    codes));
        }
        return views;
    }

    /** What the map says of a code now: its newest mapping, and whether a retirement followed it. */
    private static MappedCodeView current(String code, List<MappingChangeView> history) {
        MappingChangeView newest = history.get(history.size() - 1);
        MappingChangeView mapping = history.stream().filter(c -> !"RETIRED".equals(c.change()))
                .reduce((first, second) -> second).orElse(newest);
        boolean retired = "RETIRED".equals(newest.change());
        return new MappedCodeView(code, mapping.display(), mapping.unit(), mapping.itemCode(), mapping.itemName(),
                mapping.loinc(), mapping.catalogUnit(), mapping.allianceId(), mapping.effectiveFrom(),
                mapping.retroactive(), retired ? "RETIRED" : "MAPPED", retired ? newest.effectiveFrom() : null,
                retired ? newest.reason() : null, history);
    }
}
