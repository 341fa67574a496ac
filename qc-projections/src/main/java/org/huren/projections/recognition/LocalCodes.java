package org.huren.projections.recognition;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.huren.domain.alliance.AllianceTime;
import org.huren.domain.common.Coding;
import org.huren.domain.localcode.LocalCodeResolution;
import org.huren.domain.localcode.MappingVersion;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.huren.projections.support.Sql.instant;

/**
 * The recognition processor's copy of labs' code maps (ADR 0017): every version of every mapped local code
 * ({@code rec_local_code}), read once per event batch, and which version covers a result ({@code rec_result}'s
 * local columns, written with the result by {@link Results}). Kept in the processor's own order, so that a result is always resolved with exactly the mappings
 * recorded before it — on every node and on every replay.
 */
final class LocalCodes {

    static final List<String> TABLES = List.of("readmodel.rec_local_code");

    private final JdbcTemplate jdbc;

    LocalCodes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The coding a result came under when it has no LOINC coding: its first coding with a system and a code. */
    static Optional<Coding> localCoding(List<Coding> codes) {
        if (codes.stream().anyMatch(Coding::isLoinc)) {
            return Optional.empty();
        }
        return codes.stream().filter(c -> c.system() != null && !c.system().isBlank() && c.code() != null)
                .findFirst();
    }

    /** The version of the lab's mapping of {@code system|code} that covers a result taken at {@code effectiveAt}. */
    Optional<MappingVersion> resolve(String lab, String system, String code, Instant effectiveAt) {
        return LocalCodeResolution.inForce(versions(lab).getOrDefault(system + "|" + code, List.of()),
                effectiveAt == null ? null : AllianceTime.dateOf(effectiveAt));
    }

    /** Keeps a new version of a code's mapping; later lookups of this batch see it. */
    void record(String lab, String system, String code, MappingVersion version) {
        jdbc.update("""
                INSERT INTO readmodel.rec_local_code (lab_code, system, code, map_version, code_map_id, effective_from,
                    retroactive, item_code, loinc, item_name, event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, lab, system, code, version.mapVersion(), version.codeMapId(), version.effectiveFrom(),
                version.retroactive(), version.itemCode(), version.loinc(), version.itemName(), version.eventId());
        cache().remove(lab);
    }

    /**
     * Resolves anew the lab's results that came under {@code system|code} and stores the covering version of each
     * whose version changed; answers whether any did (then they are to be decided again).
     */
    boolean remap(String lab, String system, String code) {
        record Mapped(String resultId, Instant effectiveAt, Integer mapVersion) {
        }
        List<Mapped> results = jdbc.query("SELECT result_id, effective_at, map_version FROM readmodel.rec_result "
                        + "WHERE lab_id = ? AND local_system = ? AND local_code = ?",
                (rs, i) -> new Mapped(rs.getString("result_id"), instant(rs.getTimestamp("effective_at")),
                        (Integer) rs.getObject("map_version")), lab, system, code);
        boolean changed = false;
        for (Mapped result : results) {
            Optional<MappingVersion> now = resolve(lab, system, code, result.effectiveAt());
            if (!java.util.Objects.equals(result.mapVersion(), now.map(MappingVersion::mapVersion).orElse(null))) {
                changed = true;
                store(result.resultId(), now.orElse(null));
            }
        }
        return changed;
    }

    private void store(String resultId, MappingVersion mapping) {
        jdbc.update("UPDATE readmodel.rec_result SET codes = ?::text[], map_version = ?, mapped_loinc = ?, "
                        + "mapped_name = ?, mapped_tokens = ?::text[] WHERE result_id = ?",
                mapping == null ? new String[0] : new String[]{mapping.loinc()},
                mapping == null ? null : mapping.mapVersion(), mapping == null ? null : mapping.loinc(),
                mapping == null ? null : mapping.itemName(), mapping == null ? null
                        : new String[]{Coding.LOINC + "|" + mapping.loinc(), mapping.loinc()}, resultId);
    }

    /** code → versions of the lab's mapped codes, read once per batch. */
    private Map<String, List<MappingVersion>> versions(String lab) {
        return cache().computeIfAbsent(lab, this::load);
    }

    private Map<String, List<MappingVersion>> load(String lab) {
        Map<String, List<MappingVersion>> versions = new HashMap<>();
        jdbc.query("SELECT * FROM readmodel.rec_local_code WHERE lab_code = ? ORDER BY map_version", rs -> {
            versions.computeIfAbsent(rs.getString("system") + "|" + rs.getString("code"), k -> new ArrayList<>())
                    .add(new MappingVersion(rs.getString("code_map_id"), rs.getInt("map_version"),
                            rs.getObject("effective_from", LocalDate.class), rs.getBoolean("retroactive"),
                            rs.getString("item_code"), rs.getString("loinc"), rs.getString("item_name"),
                            rs.getString("event_id")));
        }, lab);
        return versions;
    }

    private static Map<String, Map<String, List<MappingVersion>>> cache() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new HashMap<>();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(LocalCodes.class.getName(), k -> new HashMap<>());
    }
}
