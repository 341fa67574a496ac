package org.huren.projections.recognition;

import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.localcode.query.FlaggedValue;
import org.huren.domain.localcode.query.GetFlaggedValues;
import org.huren.domain.localcode.query.GetUnmappedCodes;
import org.huren.domain.localcode.query.UnmappedCode;
import org.huren.domain.recognition.Evidence;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.huren.projections.support.Sql.instant;

/**
 * What a lab's QC manager reviews of its results' coding (ADR 0017), from the recognition processor's facts: the
 * local codes that map to nothing (with counts and examples), and the results held back for an implausible value.
 */
@Component
public class LocalCodeReviews {

    private static final int EXAMPLES = 3;
    /** A decision whose UNIT_COMPATIBLE failed on the item's plausible range. */
    private static final String IMPLAUSIBLE = "[{\"criterion\": \"UNIT_COMPATIBLE\", \"evidence\": [{\"kind\": \""
            + Evidence.PLAUSIBLE_RANGE + "\"}]}]";

    private final JdbcTemplate jdbc;

    public LocalCodeReviews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The lab's unmapped local codes, the most frequent first; retracted results are not counted. */
    @QueryHandler
    public List<UnmappedCode> unmapped(GetUnmappedCodes query) {
        record Group(String system, String code, String display, long results, java.time.Instant first,
                     java.time.Instant last, List<String> examples) {
        }
        List<Group> groups = jdbc.query("""
                SELECT local_system, local_code, max(local_display) AS display, count(*) AS results,
                       min(effective_at) AS first_taken, max(effective_at) AS last_taken,
                       (array_agg(result_id ORDER BY effective_at DESC, result_id))[1:?] AS examples
                FROM readmodel.rec_result
                WHERE lab_id = ? AND local_code IS NOT NULL AND map_version IS NULL AND status <> 'ENTERED_IN_ERROR'
                GROUP BY local_system, local_code
                ORDER BY count(*) DESC, local_system, local_code
                """, (rs, i) -> new Group(rs.getString("local_system"), rs.getString("local_code"),
                rs.getString("display"), rs.getLong("results"), instant(rs.getTimestamp("first_taken")),
                instant(rs.getTimestamp("last_taken")), List.of((String[]) rs.getArray("examples").getArray())),
                EXAMPLES, query.labCode());
        Map<String, UnmappedCode.Example> examples = new HashMap<>();
        jdbc.query("SELECT result_id, effective_at, value, unit FROM readmodel.rec_result WHERE result_id = ANY (?)",
                rs -> {
                    examples.put(rs.getString("result_id"), new UnmappedCode.Example(rs.getString("result_id"),
                            instant(rs.getTimestamp("effective_at")), rs.getBigDecimal("value"), rs.getString("unit")));
                }, (Object) groups.stream().flatMap(g -> g.examples().stream()).toArray(String[]::new));
        List<UnmappedCode> codes = new ArrayList<>();
        for (Group group : groups) {
            codes.add(new UnmappedCode(group.system(), group.code(), group.display(), group.results(), group.first(),
                    group.last(), group.examples().stream().map(examples::get).toList()));
        }
        return codes;
    }

    /** The lab's results whose current decision holds their value implausible, newest first, per alliance. */
    @QueryHandler
    public List<FlaggedValue> flagged(GetFlaggedValues query) {
        return jdbc.query("""
                SELECT r.result_id, r.alliance_id, x.effective_at, r.item_code, x.value, x.unit, x.local_system,
                       x.local_code,
                       (SELECT c ->> 'reason' FROM jsonb_array_elements(r.criteria::jsonb) c
                        WHERE c ->> 'criterion' = 'UNIT_COMPATIBLE') AS reason
                FROM readmodel.recognition r JOIN readmodel.rec_result x ON x.result_id = r.result_id
                WHERE x.lab_id = ? AND 'UNIT_COMPATIBLE' = ANY (r.failing) AND r.criteria::jsonb @> ?::jsonb
                ORDER BY x.effective_at DESC, r.result_id, r.alliance_id
                """, (rs, i) -> new FlaggedValue(rs.getString("result_id"), rs.getString("alliance_id"),
                instant(rs.getTimestamp("effective_at")), rs.getString("item_code"), rs.getBigDecimal("value"),
                rs.getString("unit"), rs.getString("local_system"), rs.getString("local_code"),
                rs.getString("reason")), query.labCode(), IMPLAUSIBLE);
    }
}
