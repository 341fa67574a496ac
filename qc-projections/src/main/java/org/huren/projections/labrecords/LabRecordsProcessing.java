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
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            if ("suspended_in".equals(rs.getMetaData().getColumnName(i))) {
                java.sql.Array alliances = rs.getArray(i);
                return alliances != null && ((Object[]) alliances.getArray()).length > 0
                        ? List.of(SUSPENDED_MEMBER_TAG) : List.of();
            }
        }
        return List.of();
    }

    public static final String SUSPENDED_MEMBER_TAG = "suspended-member";

    static RowMapper<StoredResource> rowMapper(String resourceType) {
        return (rs, i) -> new StoredResource(resourceType, rs.getString("id"), rs.getLong("version"),
                instant(rs.getTimestamp("last_updated")), rs.getString("lab_id"), rs.getString("resource"),
                tags(rs));
    }
}
