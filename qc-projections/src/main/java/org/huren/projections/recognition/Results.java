package org.huren.projections.recognition;

import org.huren.domain.labresult.ResultStatus;
import org.huren.domain.localcode.MappingVersion;
import org.huren.domain.recognition.LocalCodeFacts;
import org.huren.projections.support.Json;
import org.huren.projections.support.RowSet;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.huren.projections.support.Sql.instant;
import static org.huren.projections.support.Sql.ts;

/**
 * The lab results recognition decides ({@code rec_result}): kept as each result's latest event says, found again
 * when a fact changes ({@link Selection}), and read in sets with their current decision in an alliance.
 */
final class Results {

    static final List<String> TABLES = List.of("readmodel.rec_result");

    /**
     * The results a change of a fact in {@code alliance} touches: those of {@code lab} (null: of every lab ever a
     * member), of the catalog items {@code items} (null: of any item), measured from {@code from} and before
     * {@code to} (null: unbounded).
     */
    record Selection(String alliance, String lab, List<String> items, Instant from, Instant to, String localSystem,
                     String localCode) {

        static Selection ofMembers(String alliance) {
            return new Selection(alliance, null, null, null, null, null, null);
        }

        static Selection ofLab(String alliance, String lab) {
            return new Selection(alliance, lab, null, null, null, null, null);
        }

        static Selection ofItem(String alliance, String item) {
            return new Selection(alliance, null, List.of(item), null, null, null, null);
        }

        static Selection ofLabItems(String alliance, String lab, Collection<String> items) {
            return new Selection(alliance, lab, List.copyOf(items), null, null, null, null);
        }

        /** The results lab {@code lab} sent under its local code {@code system|code} (ADR 0017). */
        static Selection ofLocalCode(String alliance, String lab, String system, String code) {
            return new Selection(alliance, lab, null, null, null, system, code);
        }

        Selection measuredFrom(Instant from) {
            return new Selection(alliance, lab, items, from, to, localSystem, localCode);
        }

        Selection measuredBefore(Instant to) {
            return new Selection(alliance, lab, items, from, to, localSystem, localCode);
        }
    }

    /** A result with its current decision in the alliance it is re-decided in (null: none yet). */
    record Decided(ResultRow result, Decisions.Row decision) {
    }

    /** A result with its local code and the covering mapping version, if any (ADR 0017). */
    private static final String UPSERT = """
            INSERT INTO readmodel.rec_result (result_id, lab_id, codes, unit, value, status, effective_at, event_id,
                patient_id, blind, local_system, local_code, local_display, map_version, mapped_loinc, mapped_name,
                mapped_tokens)
            SELECT u.result_id, u.lab_id, ARRAY(SELECT jsonb_array_elements_text(u.codes::jsonb)), u.unit,
                u.value::numeric, u.status, u.effective_at::timestamptz, u.event_id, u.patient_id, u.blind::boolean,
                u.local_system, u.local_code, u.local_display, u.map_version::integer, u.mapped_loinc, u.mapped_name,
                CASE WHEN u.mapped_loinc IS NULL THEN NULL
                     ELSE ARRAY['http://loinc.org|' || u.mapped_loinc, u.mapped_loinc] END
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                AS u(result_id, lab_id, codes, unit, value, status, effective_at, event_id, patient_id, blind,
                     local_system, local_code, local_display, map_version, mapped_loinc, mapped_name)
            ON CONFLICT (result_id) DO UPDATE SET codes = excluded.codes, unit = excluded.unit,
                value = excluded.value, status = excluded.status, effective_at = excluded.effective_at,
                event_id = excluded.event_id, patient_id = excluded.patient_id, blind = excluded.blind,
                local_system = excluded.local_system, local_code = excluded.local_code,
                local_display = excluded.local_display, map_version = excluded.map_version,
                mapped_loinc = excluded.mapped_loinc, mapped_name = excluded.mapped_name,
                mapped_tokens = excluded.mapped_tokens
            """;

    private final JdbcTemplate jdbc;

    Results(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Rows that write {@code results} (one row per result: the last of each wins, as one upsert after another). */
    RowSet upserts(Collection<ResultRow> results, Function<ResultRow, String> cause) {
        RowSet rows = new RowSet(UPSERT, 16);
        for (ResultRow r : results) {
            LocalCodeFacts local = r.local();
            MappingVersion mapping = local == null ? null : local.mapping();
            rows.add(cause.apply(r), r.resultId(), r.labId(), Json.write(r.codes()), r.unit(), r.value(),
                    r.status().name(), r.effectiveAt(), r.eventId(), r.patientId(), r.blind(),
                    local == null ? null : local.system(), local == null ? null : local.code(),
                    local == null ? null : local.display(), mapping == null ? null : mapping.mapVersion(),
                    mapping == null ? null : mapping.loinc(), mapping == null ? null : mapping.itemName());
        }
        return rows;
    }

    /**
     * Which of these ids are blind samples' specimens or pseudo-patients (flight inspections, 盲样): their results are
     * decided like any other — the lab that sent them sees an ordinary result — and enter the reuse index marked
     * blind, so they count for that lab only ({@link RecognitionQueries#countsFor}).
     */
    Set<String> blind(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        String[] array = ids.toArray(String[]::new);
        return new HashSet<>(jdbc.queryForList("SELECT specimen_id FROM readmodel.blind_specimen WHERE specimen_id = "
                + "ANY (?) UNION SELECT patient_id FROM readmodel.blind_patient WHERE patient_id = ANY (?)",
                String.class, array, array));
    }

    /** The ids of the results {@code selection} names. */
    List<String> ids(Selection selection) {
        StringBuilder sql = new StringBuilder("SELECT r.result_id FROM readmodel.rec_result r WHERE ");
        List<Object> args = new ArrayList<>();
        if (selection.lab() == null) {
            // the labs by name, so that PostgreSQL plans for them: by the lab index, not a scan of every result;
            // this segment's labs only — the others' segments decide theirs (ADR 0019)
            String[] labs = jdbc.queryForList("SELECT DISTINCT lab_code FROM readmodel.rec_membership "
                    + "WHERE alliance_id = ?", String.class, selection.alliance()).stream()
                    .filter(LabSegments::owns).toArray(String[]::new);
            if (labs.length == 0) {
                return List.of();
            }
            sql.append("r.lab_id = ANY (?::text[])");
            args.add(labs);
        } else {
            sql.append("r.lab_id = ?");
            args.add(selection.lab());
        }
        if (selection.items() != null) {
            // the result carries a LOINC code of any version of the items
            sql.append(" AND r.codes && (SELECT array_agg(DISTINCT l) FROM readmodel.rec_catalog c, unnest(c.loinc_codes) l"
                    + " WHERE c.bucket = ? AND c.alliance_id = ? AND c.code = ANY (?::text[]))");
            args.add(LabSegments.bucket());
            args.add(selection.alliance());
            args.add(selection.items().toArray(String[]::new));
        }
        if (selection.from() != null) {
            sql.append(" AND r.effective_at >= ?");
            args.add(ts(selection.from()));
        }
        if (selection.to() != null) {
            sql.append(" AND r.effective_at < ?");
            args.add(ts(selection.to()));
        }
        if (selection.localCode() != null) {
            sql.append(" AND r.local_system = ? AND r.local_code = ?");
            args.add(selection.localSystem());
            args.add(selection.localCode());
        }
        return jdbc.queryForList(sql.toString(), String.class, args.toArray());
    }

    /** The results with these ids, each with its current decision in {@code alliance}. */
    List<Decided> withDecisions(List<String> ids, String alliance) {
        return jdbc.query("""
                SELECT r.*, d.status AS d_status, d.ever_recognized AS d_ever_recognized, d.since AS d_since,
                       d.withdrawn_at AS d_withdrawn_at, d.item_code AS d_item_code, d.criteria AS d_criteria,
                       d.cause_event_id AS d_cause_event_id, d.cause_type AS d_cause_type,
                       lc.code_map_id AS lc_code_map_id, lc.effective_from AS lc_effective_from,
                       lc.retroactive AS lc_retroactive, lc.item_code AS lc_item_code, lc.event_id AS lc_event_id
                FROM readmodel.rec_result r
                LEFT JOIN readmodel.recognition d ON d.result_id = r.result_id AND d.alliance_id = ?
                LEFT JOIN readmodel.rec_local_code lc ON lc.lab_code = r.lab_id AND lc.system = r.local_system
                    AND lc.code = r.local_code AND lc.map_version = r.map_version
                WHERE r.result_id = ANY (?)
                ORDER BY r.result_id
                """, (rs, i) -> new Decided(row(rs), rs.getString("d_status") == null ? null
                : Decisions.row(rs, "d_", r(rs), alliance)), alliance, ids.toArray(String[]::new));
    }

    private static String r(ResultSet rs) throws SQLException {
        return rs.getString("result_id");
    }

    private static ResultRow row(ResultSet rs) throws SQLException {
        return new ResultRow(rs.getString("result_id"), rs.getString("lab_id"),
                List.of((String[]) rs.getArray("codes").getArray()), rs.getString("unit"), rs.getBigDecimal("value"),
                ResultStatus.valueOf(rs.getString("status")), instant(rs.getTimestamp("effective_at")),
                rs.getString("event_id"), rs.getString("patient_id"), rs.getBoolean("blind"), local(rs));
    }

    /** The local code a result came under and its covering mapping version (joined from {@code rec_local_code}). */
    private static LocalCodeFacts local(ResultSet rs) throws SQLException {
        if (rs.getString("local_code") == null) {
            return null;
        }
        MappingVersion mapping = rs.getString("lc_code_map_id") == null ? null : new MappingVersion(
                rs.getString("lc_code_map_id"), rs.getInt("map_version"),
                rs.getObject("lc_effective_from", java.time.LocalDate.class), rs.getBoolean("lc_retroactive"),
                rs.getString("lc_item_code"), rs.getString("mapped_loinc"), rs.getString("mapped_name"),
                rs.getString("lc_event_id"));
        return new LocalCodeFacts(rs.getString("local_system"), rs.getString("local_code"),
                rs.getString("local_display"), mapping);
    }
}
