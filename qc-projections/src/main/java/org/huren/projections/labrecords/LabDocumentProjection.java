package org.huren.projections.labrecords;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.huren.domain.labdoc.DocumentKind;
import org.huren.domain.labdoc.LabDocumentContent;
import org.huren.domain.labdoc.LabDocumentRecorded;
import org.huren.domain.labdoc.LabDocumentRevised;
import org.huren.projections.support.BatchedWrites;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static org.huren.projections.support.Sql.ts;

/** Specimens and lab reports, served as FHIR Specimen and DiagnosticReport. */
@Component
@ProcessingGroup(LabRecordsProcessing.GROUP)
public class LabDocumentProjection {

    private static final String UPSERT = """
            INSERT INTO readmodel.lab_document (id, kind, lab_id, patient_id, version, last_updated, event_position,
                resource, qc_lab)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, coalesce(
                (SELECT b.lab_code FROM readmodel.blind_specimen b WHERE b.specimen_id = ?),
                (SELECT b.lab_code FROM readmodel.blind_patient b WHERE b.patient_id = ?)))
            ON CONFLICT (id) DO UPDATE SET patient_id = excluded.patient_id, version = excluded.version,
                last_updated = excluded.last_updated, event_position = excluded.event_position,
                resource = excluded.resource, qc_lab = excluded.qc_lab
            """;

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    public LabDocumentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, "lab-document");
    }

    @EventHandler
    void on(LabDocumentRecorded event, @Timestamp Instant recordedAt, TrackingToken token, @SequenceNumber long seq) {
        upsert(event.documentId(), event.kind(), event.labId(), event.content(), seq + 1, recordedAt, token);
    }

    @EventHandler
    void on(LabDocumentRevised event, @Timestamp Instant recordedAt, TrackingToken token, @SequenceNumber long seq) {
        upsert(event.documentId(), event.kind(), event.labId(), event.content(), seq + 1, recordedAt, token);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE readmodel.lab_document");
    }

    private void upsert(String id, DocumentKind kind, String labId, LabDocumentContent content, long version,
                        Instant recordedAt, TrackingToken token) {
        writes.add(UPSERT, id, kind.name(), labId, content.patientId(), version, ts(recordedAt),
                LabRecordsProcessing.position(token), content.resource(), id, content.patientId());
    }
}
