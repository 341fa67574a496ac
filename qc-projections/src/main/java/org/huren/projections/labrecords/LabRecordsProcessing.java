package org.huren.projections.labrecords;

import org.axonframework.eventhandling.TrackingToken;
import org.huren.domain.common.Coding;
import org.huren.domain.query.StoredResource;
import org.huren.domain.recognition.Criterion;
import org.huren.domain.recognition.query.RecognitionMark;
import org.huren.domain.recognition.query.ResultTag;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.huren.projections.support.Sql.instant;

/**
 * The "lab-records" event processor feeds the observation, patient and lab-document read models
 * together, so that one position tells that all three have caught up with a write.
 */
public final class LabRecordsProcessing {

    public static final String GROUP = "lab-records";

    private LabRecordsProcessing() {
    }

    static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    /** A suspended member's result: {@code suspended-member} when its lab was suspended when it sent it. */
    private static List<ResultTag> observationTags(ResultSet rs) throws SQLException {
        java.sql.Array suspendedIn = rs.getArray("suspended_in");
        return suspendedIn != null && ((Object[]) suspendedIn.getArray()).length > 0
                ? List.of(ResultTag.SUSPENDED_MEMBER) : List.of();
    }

    /** The result's recognition in each alliance, from the {@code recognition} column of {@link #OBSERVATION_COLUMNS}. */
    private static List<RecognitionMark> recognition(ResultSet rs) throws SQLException {
        String column = rs.getString("recognition");
        if (column == null) {
            return List.of();
        }
        List<RecognitionMark> marks = new ArrayList<>();
        for (String decision : column.split(RECORD_SEPARATOR)) {
            String[] parts = decision.split(FIELD_SEPARATOR, -1);
            marks.add(new RecognitionMark(parts[0], ResultTag.ofRecognition(parts[1], Boolean.parseBoolean(parts[2])),
                    criteria(parts[3]), criteria(parts[4])));
        }
        return marks;
    }

    private static List<Criterion> criteria(String codes) {
        return codes.isEmpty() ? List.of() : Arrays.stream(codes.split(" ")).map(Criterion::valueOf).toList();
    }

    private static final String FIELD_SEPARATOR = "\u001f";
    private static final String RECORD_SEPARATOR = "\u001e";

    /**
     * A result sent with a local code only (ADR 0017): the LOINC code and item name of the mapping that covers it,
     * separated by {@link #FIELD_SEPARATOR} — an empty text when unmapped, null for any other result.
     */
    private static final String LOCAL_CODING = "(SELECT concat_ws(E'\\x1f', x.mapped_loinc, x.mapped_name) "
            + "FROM readmodel.rec_result x WHERE x.result_id = o.id AND x.local_code IS NOT NULL) AS local_coding";

    /**
     * The observation columns plus each alliance's recognition of the result, for the FHIR view: one text per
     * alliance (alliance, status, ever recognized, failing criteria, not-yet-known criteria) — read with
     * {@link #recognition}.
     */
    static final String OBSERVATION_COLUMNS = "o.*, (SELECT string_agg(concat_ws(E'\\x1f', r.alliance_id, r.status, "
            + "r.ever_recognized::text, array_to_string(r.failing, ' '), array_to_string(r.not_yet_known, ' ')), E'\\x1e' "
            + "ORDER BY r.alliance_id) FROM readmodel.recognition r WHERE r.result_id = o.id) AS recognition, "
            + LOCAL_CODING;

    /** The tag of a result whose local code maps to nothing. */
    private static List<ResultTag> localTags(ResultSet rs) throws SQLException {
        String local = rs.getString("local_coding");
        return local != null && local.isEmpty() ? List.of(ResultTag.UNMAPPED) : List.of();
    }

    /** The catalog's LOINC coding of a result whose local code is mapped, added beside the lab's own coding. */
    private static List<Coding> translations(ResultSet rs) throws SQLException {
        String local = rs.getString("local_coding");
        if (local == null || local.isEmpty()) {
            return List.of();
        }
        String[] parts = local.split(FIELD_SEPARATOR, -1);
        return List.of(new Coding(Coding.LOINC, parts[0], parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null));
    }

    static RowMapper<StoredResource> rowMapper(String resourceType) {
        return (rs, i) -> {
            boolean observation = "Observation".equals(resourceType);
            List<ResultTag> tags = new ArrayList<>();
            if (observation) {
                tags.addAll(observationTags(rs));
                tags.addAll(localTags(rs));
            }
            return new StoredResource(resourceType, rs.getString("id"), rs.getLong("version"),
                    instant(rs.getTimestamp("last_updated")), rs.getString("lab_id"), rs.getString("resource"), tags,
                    observation ? recognition(rs) : List.of(), rs.getString("qc_lab"),
                    observation ? translations(rs) : List.of());
        };
    }
}
