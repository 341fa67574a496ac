package org.huren.projections.labrecords;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.common.Identifier;
import org.huren.domain.labdoc.DocumentKind;
import org.huren.domain.labdoc.LabDocumentContent;
import org.huren.domain.labdoc.LabDocumentRecorded;
import org.huren.domain.labdoc.LabDocumentRevised;
import org.huren.domain.query.InstantRange;
import org.huren.domain.query.ResourcePage;
import org.huren.domain.query.SearchLabDocuments;
import org.huren.domain.query.StoredResource;
import org.huren.projections.support.BatchedWrites;
import org.huren.projections.support.SearchTotals;
import org.huren.projections.support.SqlFilter;
import org.huren.projections.support.SqlOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.huren.projections.support.Sql.ts;

/**
 * Specimens and lab reports, served as FHIR Specimen and DiagnosticReport: one row per document with the columns
 * their searches need (identifiers, codes, effective time, a report's results) and the resource as stored.
 */
@Component
@ProcessingGroup(LabRecordsProcessing.GROUP)
public class LabDocumentProjection {

    private static final String UPSERT = """
            INSERT INTO readmodel.lab_document (id, kind, lab_id, patient_id, version, last_updated, event_position,
                resource, identifier_tokens, code_tokens, effective_start, effective_end, result_ids, qc_lab)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(
                (SELECT b.lab_code FROM readmodel.blind_specimen b WHERE b.specimen_id = ?),
                (SELECT b.lab_code FROM readmodel.blind_patient b WHERE b.patient_id = ?)))
            ON CONFLICT (id) DO UPDATE SET patient_id = excluded.patient_id, version = excluded.version,
                last_updated = excluded.last_updated, event_position = excluded.event_position,
                resource = excluded.resource, identifier_tokens = excluded.identifier_tokens,
                code_tokens = excluded.code_tokens, effective_start = excluded.effective_start,
                effective_end = excluded.effective_end, result_ids = excluded.result_ids, qc_lab = excluded.qc_lab
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
                LabRecordsProcessing.position(token), content.resource(), identifierTokens(content.identifiers()),
                ObservationProjection.codeTokens(content.codes()),
                content.effective() == null ? null : ts(content.effective().start()),
                content.effective() == null ? null : ts(content.effective().end()),
                content.resultIds().toArray(String[]::new), id, content.patientId());
    }

    /** Every identifier as search tokens: {@code system|value} (an empty system without one) and the bare value. */
    static String[] identifierTokens(List<Identifier> identifiers) {
        Set<String> tokens = new LinkedHashSet<>();
        for (Identifier identifier : identifiers) {
            tokens.add((identifier.system() == null ? "" : identifier.system()) + '|' + identifier.value());
            tokens.add(identifier.value());
        }
        return tokens.toArray(String[]::new);
    }

    @QueryHandler
    public ResourcePage search(SearchLabDocuments query) {
        SqlFilter filter = new SqlFilter().and("kind = ?", query.kind().name());
        // a blind sample's specimen, or a report on a pseudo-patient, is found only by the lab that holds it
        if (query.requestingLab() == null) {
            filter.and("qc_lab IS NULL");
        } else {
            filter.and("(qc_lab IS NULL OR qc_lab = ?)", query.requestingLab());
        }
        if (!query.ids().isEmpty()) {
            filter.and("id = ANY (?::text[])", (Object) query.ids().toArray(String[]::new));
        }
        if (!query.patientIds().isEmpty()) {
            filter.and("patient_id = ANY (?::text[])", (Object) query.patientIds().toArray(String[]::new));
        }
        if (!query.patientIdentifiers().isEmpty()) {
            filter.and("patient_id = ANY (?::text[])",
                    (Object) PatientLinkProjection.samePersonRecords(jdbc, query.patientIdentifiers()));
        }
        if (!query.identifiers().isEmpty()) {
            filter.and("identifier_tokens && ?::text[]", (Object) query.identifiers().toArray(String[]::new));
        }
        if (!query.codes().isEmpty()) {
            filter.and("code_tokens && ?::text[]", (Object) query.codes().toArray(String[]::new));
        }
        for (InstantRange range : query.effective()) {
            // as for results: the document's time (a period, or a day sent without a time) overlaps the range
            if (range.from() != null) {
                filter.and("coalesce(effective_end, effective_start) >= ?", ts(range.from()));
            }
            if (range.to() != null) {
                filter.and("effective_start <= ?", ts(range.to()));
            }
        }
        if (!query.labIds().isEmpty()) {
            filter.and("lab_id = ANY (?::text[])", (Object) query.labIds().toArray(String[]::new));
        }
        List<StoredResource> items = query.count() == 0 ? List.of()
                : jdbc.query(SqlOrder.page("*", "readmodel.lab_document", "d", filter.where(),
                        SqlOrder.orderBy(query.sort(), SqlOrder::labRecordColumn), !query.ids().isEmpty()
                                || !query.identifiers().isEmpty() || !query.patientIds().isEmpty()
                                || !query.patientIdentifiers().isEmpty()),
                LabRecordsProcessing.rowMapper(query.kind().fhirType()), filter.args(query.count(), query.offset()));
        return new ResourcePage(items, SearchTotals.of(jdbc, "FROM readmodel.lab_document" + filter.where(),
                filter.args(), query.total(), query.offset(), query.count(), items.size()));
    }
}
