package org.huren.projections.labrecords;

import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.query.FindResource;
import org.huren.domain.query.StoredResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Reads one lab record by HuRen id from whichever read model holds its type. */
@Component
public class LabRecordLookup {

    private final JdbcTemplate jdbc;

    public LabRecordLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<StoredResource> find(FindResource query) {
        String sql = switch (query.resourceType()) {
            case "Observation" -> "SELECT " + LabRecordsProcessing.OBSERVATION_COLUMNS
                    + " FROM readmodel.observation o WHERE id = ?";
            case "Patient" -> "SELECT * FROM readmodel.patient WHERE id = ?";
            case "Specimen" -> "SELECT * FROM readmodel.lab_document WHERE kind = 'SPECIMEN' AND id = ?";
            case "DiagnosticReport" -> "SELECT * FROM readmodel.lab_document WHERE kind = 'REPORT' AND id = ?";
            default -> null;
        };
        if (sql == null) {
            return Optional.empty();
        }
        return jdbc.query(sql, LabRecordsProcessing.rowMapper(query.resourceType()), query.id()).stream().findFirst();
    }
}
