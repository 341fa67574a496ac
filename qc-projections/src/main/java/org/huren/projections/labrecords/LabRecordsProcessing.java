package org.huren.projections.labrecords;

import org.axonframework.eventhandling.TrackingToken;
import org.huren.domain.query.StoredResource;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
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

    /** A result sent while its lab was suspended carries the tag {@code suspended-member}. */
    private static List<String> tags(ResultSet rs) throws SQLException {
        List<String> tags = new java.util.ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            if ("recognition".equals(rs.getMetaData().getColumnName(i)) && rs.getString(i) != null) {
                for (String decision : rs.getString(i).split(",")) {
                    String[] parts = decision.split(":");
                    tags.add(RECOGNITION_TAG + display(parts[1], Boolean.parseBoolean(parts[2])) + ":" + parts[0]);
                }
            }
        }
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            if ("suspended_in".equals(rs.getMetaData().getColumnName(i))) {
                java.sql.Array alliances = rs.getArray(i);
                if (alliances != null && ((Object[]) alliances.getArray()).length > 0) {
                    tags.add(SUSPENDED_MEMBER_TAG);
                }
            }
        }
        return tags;
    }

    private static String display(String status, boolean everRecognized) {
        return switch (status) {
            case "RECOGNIZED" -> "recognized";
            case "PENDING" -> "pending";
            default -> everRecognized ? "withdrawn" : "not-recognized";
        };
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
                tags(rs));
    }
}
