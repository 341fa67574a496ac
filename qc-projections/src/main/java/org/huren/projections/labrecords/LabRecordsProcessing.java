package org.huren.projections.labrecords;

import org.axonframework.eventhandling.TrackingToken;
import org.huren.domain.query.StoredResource;
import org.huren.domain.recognition.query.RecognitionView;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

    /**
     * The tags of an Observation row ({@link #OBSERVATION_COLUMNS}): its recognition in each alliance, and
     * {@code suspended-member} when its lab was suspended when it sent it.
     */
    private static List<String> observationTags(ResultSet rs) throws SQLException {
        List<String> tags = new ArrayList<>();
        String recognition = rs.getString("recognition");
        if (recognition != null) {
            for (String decision : recognition.split(",")) {
                String[] parts = decision.split(":");
                tags.add(RECOGNITION_TAG + RecognitionView.display(parts[1], Boolean.parseBoolean(parts[2])) + ":"
                        + parts[0]);
            }
        }
        java.sql.Array suspendedIn = rs.getArray("suspended_in");
        if (suspendedIn != null && ((Object[]) suspendedIn.getArray()).length > 0) {
            tags.add(SUSPENDED_MEMBER_TAG);
        }
        return tags;
    }

    public static final String SUSPENDED_MEMBER_TAG = "suspended-member";
    /** Prefix of a recognition tag: {@code recognition:<display>:<alliance>}. */
    public static final String RECOGNITION_TAG = "recognition:";

    /** The observation columns plus each alliance's recognition of the result, for the FHIR view. */
    static final String OBSERVATION_COLUMNS = "o.*, (SELECT string_agg(r.alliance_id || ':' || r.status || ':' "
            + "|| r.ever_recognized, ',' ORDER BY r.alliance_id) FROM readmodel.recognition r "
            + "WHERE r.result_id = o.id) AS recognition";

    static RowMapper<StoredResource> rowMapper(String resourceType) {
        return (rs, i) -> new StoredResource(resourceType, rs.getString("id"), rs.getLong("version"),
                instant(rs.getTimestamp("last_updated")), rs.getString("lab_id"), rs.getString("resource"),
                "Observation".equals(resourceType) ? observationTags(rs) : List.of(),
                rs.getString("qc_lab"));
    }
}
