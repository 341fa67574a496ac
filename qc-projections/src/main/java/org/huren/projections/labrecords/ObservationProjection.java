package org.huren.projections.labrecords;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.common.Coding;
import org.huren.domain.common.ResourceKey;
import org.huren.domain.labresult.LabResultContent;
import org.huren.domain.labresult.LabResultCorrected;
import org.huren.domain.labresult.LabResultReported;
import org.huren.domain.labresult.LabResultRetracted;
import org.huren.domain.query.InstantRange;
import org.huren.domain.query.ResourcePage;
import org.huren.domain.query.SearchObservations;
import org.huren.domain.query.StoredResource;
import org.huren.domain.recognition.query.ResultTag;
import org.huren.projections.support.BatchedWrites;
import org.huren.projections.support.SearchTotals;
import org.huren.projections.support.SqlFilter;
import org.huren.projections.support.SqlOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.huren.projections.support.Sql.ts;

/**
 * Lab results as clinicians search them: one row per result with the columns FHIR search needs and the
 * Observation as stored. Corrections and retractions replace the row's content; the row keeps its place.
 */
@Component
@ProcessingGroup(LabRecordsProcessing.GROUP)
public class ObservationProjection {

    static final String UPSERT = """
            INSERT INTO readmodel.observation (id, lab_id, patient_id, identifier_tokens, code_tokens,
                effective_start, effective_end, status, suspended_in, value_decimal, value_unit, version,
                last_updated, event_position, resource, qc_lab)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                coalesce((SELECT b.lab_code FROM readmodel.blind_specimen b WHERE b.specimen_id = ?),
                         (SELECT b.lab_code FROM readmodel.blind_patient b WHERE b.patient_id = ?)))
            ON CONFLICT (id) DO UPDATE SET lab_id = excluded.lab_id, patient_id = excluded.patient_id,
                code_tokens = excluded.code_tokens, effective_start = excluded.effective_start,
                effective_end = excluded.effective_end, status = excluded.status,
                suspended_in = excluded.suspended_in,
                value_decimal = excluded.value_decimal, value_unit = excluded.value_unit,
                version = excluded.version, last_updated = excluded.last_updated,
                event_position = excluded.event_position, resource = excluded.resource,
                qc_lab = excluded.qc_lab
            """;

    private static final RowMapper<StoredResource> ROW = LabRecordsProcessing.rowMapper("Observation");

    private static final String[] NO_TOKENS = new String[0];

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    public ObservationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, "observation");
    }

    @EventHandler
    void on(LabResultReported event, @Timestamp Instant recordedAt, TrackingToken token,
            @SequenceNumber long sequence) {
        upsert(event.resultId(), event.labId(), identifierTokens(event.key()), event.content(), sequence + 1,
                recordedAt, token);
    }

    @EventHandler
    void on(LabResultCorrected event, @Timestamp Instant recordedAt, TrackingToken token,
            @SequenceNumber long sequence) {
        upsert(event.resultId(), event.labId(), NO_TOKENS, event.content(), sequence + 1, recordedAt, token);
    }

    @EventHandler
    void on(LabResultRetracted event, @Timestamp Instant recordedAt, TrackingToken token,
            @SequenceNumber long sequence) {
        upsert(event.resultId(), event.labId(), NO_TOKENS, event.content(), sequence + 1, recordedAt, token);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE readmodel.observation");
    }

    private void upsert(String id, String labId, String[] identifierTokens, LabResultContent content, long version,
                        Instant recordedAt, TrackingToken token) {
        writes.add(UPSERT, id, labId, content.patientId(), identifierTokens, codeTokens(content.codes()),
                content.effective() == null ? null : ts(content.effective().start()),
                content.effective() == null ? null : ts(content.effective().end()),
                content.status().code(),
                content.suspendedIn().toArray(String[]::new),
                content.measurement() == null ? null : content.measurement().value(),
                content.measurement() == null ? null : content.measurement().ucumCode(),
                version, ts(recordedAt), LabRecordsProcessing.position(token), content.resource(),
                content.specimenId(), content.patientId());
    }

    /** The LIS identifier as search tokens; none when the LIS keyed the result by its own resource id. */
    static String[] identifierTokens(ResourceKey key) {
        if (key == null || ResourceKey.LIS_RESOURCE_ID.equals(key.system())) {
            return NO_TOKENS;
        }
        return new String[]{key.token(), key.value()};
    }

    static String[] codeTokens(List<Coding> codes) {
        Set<String> tokens = new LinkedHashSet<>();
        for (Coding coding : codes) {
            tokens.add(coding.token());
            tokens.add(coding.code());
        }
        return tokens.toArray(String[]::new);
    }

    @QueryHandler
    public ResourcePage search(SearchObservations query) {
        SqlFilter filter = new SqlFilter();
        // blind samples' results are found only by the lab that holds them
        if (query.requestingLab() == null) {
            filter.and("o.qc_lab IS NULL");
        } else {
            filter.and("(o.qc_lab IS NULL OR o.qc_lab = ?)", query.requestingLab());
        }
        if (!query.ids().isEmpty()) {
            filter.and("id = ANY (?::text[])", (Object) query.ids().toArray(String[]::new));
        }
        if (!query.patientIds().isEmpty()) {
            filter.and("patient_id = ANY (?::text[])", (Object) query.patientIds().toArray(String[]::new));
        }
        if (!query.patientIdentifiers().isEmpty()) {
            // the records carrying the identifier, and every record linked to one of them (same person)
            filter.and("patient_id = ANY (?::text[])",
                    (Object) PatientLinkProjection.samePersonRecords(jdbc, query.patientIdentifiers()));
        }
        if (!query.identifiers().isEmpty()) {
            filter.and("identifier_tokens && ?::text[]", (Object) query.identifiers().toArray(String[]::new));
        }
        if (!query.codes().isEmpty()) {
            // the lab's codings, or the catalog's LOINC code a mapped local code stands for (ADR 0017); written so
            // that each index serves: a search by patient checks its few rows one by one, a search by code alone
            // takes both sets from their GIN indexes (an OR with a subquery would scan every result)
            String[] codes = query.codes().toArray(String[]::new);
            if (query.patientIds().isEmpty() && query.patientIdentifiers().isEmpty() && query.ids().isEmpty()) {
                filter.and("o.id IN (SELECT y.id FROM readmodel.observation y WHERE y.code_tokens && ?::text[] "
                        + "UNION ALL SELECT x.result_id FROM readmodel.rec_result x "
                        + "WHERE x.mapped_tokens && ?::text[])", codes, codes);
            } else {
                filter.and("(o.code_tokens && ?::text[] OR EXISTS (SELECT 1 FROM readmodel.rec_result x "
                        + "WHERE x.result_id = o.id AND x.mapped_tokens && ?::text[]))", codes, codes);
            }
        }
        for (InstantRange range : query.effective()) {
            // a result matches when its effective period overlaps the range
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
        if (!query.statuses().isEmpty()) {
            filter.and("status = ANY (?::text[])", (Object) query.statuses().toArray(String[]::new));
        }
        if (query.lastUpdated() != null) {
            if (query.lastUpdated().from() != null) {
                filter.and("last_updated >= ?", ts(query.lastUpdated().from()));
            }
            if (query.lastUpdated().to() != null) {
                filter.and("last_updated <= ?", ts(query.lastUpdated().to()));
            }
        }
        if (!query.tags().isEmpty()) {
            List<String> ors = new ArrayList<>();
            for (ResultTag tag : query.tags()) {
                String condition = switch (tag) {
                    case RECOGNIZED -> "r.status = 'RECOGNIZED'";
                    case PENDING -> "r.status = 'PENDING'";
                    case WITHDRAWN -> "r.status = 'NOT_RECOGNIZED' AND r.ever_recognized";
                    case NOT_RECOGNIZED -> "r.status = 'NOT_RECOGNIZED' AND NOT r.ever_recognized";
                    case SUSPENDED_MEMBER, UNMAPPED -> null;
                };
                if (tag == ResultTag.UNMAPPED) {
                    ors.add("EXISTS (SELECT 1 FROM readmodel.rec_result x WHERE x.result_id = o.id "
                            + "AND x.local_code IS NOT NULL AND x.map_version IS NULL)");
                    continue;
                }
                ors.add(condition == null ? "cardinality(o.suspended_in) > 0"
                        : "EXISTS (SELECT 1 FROM readmodel.recognition r WHERE r.result_id = o.id AND " + condition
                        + ")");
            }
            filter.and("(" + String.join(" OR ", ors) + ")");
        }
        List<StoredResource> items = query.count() == 0 ? List.of()
                : jdbc.query(SqlOrder.page(LabRecordsProcessing.OBSERVATION_COLUMNS, "readmodel.observation", "o",
                        filter.where(), SqlOrder.orderBy(query.sort(), SqlOrder::labRecordColumn), few(query)),
                ROW, filter.args(query.count(), query.offset()));
        return new ResourcePage(items, SearchTotals.of(jdbc, "FROM readmodel.observation o" + filter.where(),
                filter.args(), query.total(), query.offset(), query.count(), items.size()));
    }

    /** The search names the results (by id or LIS identifier) or their patients: a few hundred rows at most. */
    private static boolean few(SearchObservations query) {
        return !query.ids().isEmpty() || !query.identifiers().isEmpty() || !query.patientIds().isEmpty()
                || !query.patientIdentifiers().isEmpty();
    }
}
