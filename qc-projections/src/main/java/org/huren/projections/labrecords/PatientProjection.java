package org.huren.projections.labrecords;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.common.Identifier;
import org.huren.domain.patient.PatientContent;
import org.huren.domain.patient.PatientDetailsChanged;
import org.huren.domain.patient.PatientRegistered;
import org.huren.domain.query.ResourcePage;
import org.huren.domain.query.SearchPatients;
import org.huren.domain.query.StoredResource;
import org.huren.projections.support.BatchedWrites;
import org.huren.projections.support.SearchTotals;
import org.huren.projections.support.SqlFilter;
import org.huren.projections.support.SqlOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.huren.projections.support.Sql.ts;

/** Patients with every identifier their lab sent, so results can be found by national ID, MRN … */
@Component
@ProcessingGroup(LabRecordsProcessing.GROUP)
public class PatientProjection {

    private static final String UPSERT = """
            INSERT INTO readmodel.patient (id, lab_id, version, last_updated, event_position, resource, qc_lab, gender,
                birth_start, birth_end)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, readmodel.fhir_date_first_day(?), readmodel.fhir_date_last_day(?))
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, last_updated = excluded.last_updated,
                event_position = excluded.event_position, resource = excluded.resource, qc_lab = excluded.qc_lab,
                gender = excluded.gender, birth_start = excluded.birth_start, birth_end = excluded.birth_end
            """;
    private static final String ADD_IDENTIFIER = """
            INSERT INTO readmodel.patient_identifier (patient_id, system, value) VALUES (?, ?, ?)
            ON CONFLICT DO NOTHING
            """;
    /** The parts of every name in the stored Patient (V30's function, which also filled the rows before it). */
    private static final String ADD_NAMES = """
            INSERT INTO readmodel.patient_name (patient_id, part) SELECT ?, part FROM readmodel.fhir_name_parts(?) part
            ON CONFLICT DO NOTHING
            """;

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    public PatientProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        // a patient's identifiers and names follow its row; nothing else depends on order: one batch per statement
        this.writes = new BatchedWrites(jdbc, "patient", true);
    }

    @EventHandler
    void on(PatientRegistered event, @Timestamp Instant recordedAt, TrackingToken token, @SequenceNumber long seq) {
        upsert(event.patientId(), event.labId(), event.content(), seq + 1, recordedAt, token);
    }

    @EventHandler
    void on(PatientDetailsChanged event, @Timestamp Instant recordedAt, TrackingToken token,
            @SequenceNumber long seq) {
        upsert(event.patientId(), event.labId(), event.content(), seq + 1, recordedAt, token);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE readmodel.patient_identifier, readmodel.patient_name, readmodel.patient");
    }

    /** Identifiers and names accumulate: one the LIS no longer sends still finds the patient's earlier results. */
    private void upsert(String id, String labId, PatientContent content, long version, Instant recordedAt,
                        TrackingToken token) {
        writes.add(UPSERT, id, labId, version, ts(recordedAt), LabRecordsProcessing.position(token),
                content.resource(), blindLab(id, labId, content), content.gender(), content.birthDate(),
                content.birthDate());
        writes.add(ADD_NAMES, id, content.resource());
        Set<String> seen = new LinkedHashSet<>();
        for (Identifier identifier : content.identifiers()) {
            String system = identifier.system() == null ? "" : identifier.system();
            if (seen.add(system + '|' + identifier.value())) {
                writes.add(ADD_IDENTIFIER, id, system, identifier.value());
            }
        }
    }

    /**
     * The lab holding this record when it is a flight inspection's pseudo-patient — registered under this id, or
     * carrying the pseudo identity however the LIS keyed it — else null.
     */
    private String blindLab(String id, String labId, PatientContent content) {
        java.util.Set<String> blind = blindPatients();
        if (blind.contains(id)) {
            return labId;
        }
        for (Identifier identifier : content.identifiers()) {
            String system = identifier.system() == null ? "" : identifier.system();
            if (blind.contains(labId + '|' + system + '|' + identifier.value())) {
                return labId;
            }
        }
        return null;
    }

    /** Pseudo-patients' ids and lab|system|value identities, read once per batch (a handful of rows). */
    private java.util.Set<String> blindPatients() {
        java.util.function.Supplier<java.util.Set<String>> load = () -> {
            java.util.Set<String> keys = new java.util.HashSet<>();
            jdbc.query("SELECT patient_id, lab_code, identifier_system, identifier_value FROM readmodel.blind_patient",
                    rs -> {
                        keys.add(rs.getString("patient_id"));
                        if (rs.getString("identifier_value") != null) {
                            keys.add(rs.getString("lab_code") + '|' + java.util.Objects.toString(
                                    rs.getString("identifier_system"), "") + '|' + rs.getString("identifier_value"));
                        }
                    });
            return keys;
        };
        if (!org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()) {
            return load.get();
        }
        return org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get().root()
                .getOrComputeResource(PatientProjection.class.getName() + ".blind", k -> load.get());
    }

    @QueryHandler
    public ResourcePage search(SearchPatients query) {
        SqlFilter filter = new SqlFilter();
        // pseudo-patients of blind samples are found only by the lab that holds them
        if (query.requestingLab() == null) {
            filter.and("qc_lab IS NULL");
        } else {
            filter.and("(qc_lab IS NULL OR qc_lab = ?)", query.requestingLab());
        }
        if (!query.ids().isEmpty()) {
            filter.and("id = ANY (?::text[])", (Object) query.ids().toArray(String[]::new));
        }
        if (!query.labIds().isEmpty()) {
            filter.and("lab_id = ANY (?::text[])", (Object) query.labIds().toArray(String[]::new));
        }
        if (!query.identifiers().isEmpty()) {
            // a record unlinked from an identifier is not found by it (PatientLinkProjection.carrying)
            filter.and("id = ANY (?::text[])",
                    (Object) PatientLinkProjection.carryingRecords(jdbc, query.identifiers()));
        }
        if (!query.names().isEmpty() || !query.exactNames().isEmpty()) {
            List<String> ors = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            for (String name : query.names()) {
                ors.add("lower(n.part) LIKE lower(?)");
                args.add(SqlFilter.startingWith(name));
            }
            for (String name : query.exactNames()) {
                ors.add("(lower(n.part) = lower(?) AND n.part = ?)");
                args.add(name);
                args.add(name);
            }
            filter.and("id IN (SELECT n.patient_id FROM readmodel.patient_name n WHERE " + String.join(" OR ", ors)
                    + ")", args.toArray());
        }
        if (query.birthDate() != null) {
            // the birth date, as precise as the lab sent it, overlaps the range
            if (query.birthDate().from() != null) {
                filter.and("birth_end >= ?", query.birthDate().from());
            }
            if (query.birthDate().to() != null) {
                filter.and("birth_start <= ?", query.birthDate().to());
            }
        }
        if (!query.genders().isEmpty()) {
            filter.and("gender = ANY (?::text[])", (Object) query.genders().toArray(String[]::new));
        }
        List<StoredResource> items = query.count() == 0 ? List.of() : jdbc.query(
                SqlOrder.page("*", "readmodel.patient", "p", filter.where(), " ORDER BY seq",
                        !query.ids().isEmpty() || !query.identifiers().isEmpty()),
                LabRecordsProcessing.rowMapper("Patient"), filter.args(query.count(), query.offset()));
        return new ResourcePage(items, SearchTotals.of(jdbc, "FROM readmodel.patient" + filter.where(),
                filter.args(), query.total(), query.offset(), query.count(), items.size()));
    }
}
