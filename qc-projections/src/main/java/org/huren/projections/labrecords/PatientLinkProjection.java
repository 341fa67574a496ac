package org.huren.projections.labrecords;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.linking.PatientLinkConfirmed;
import org.huren.domain.linking.PatientRecordLinked;
import org.huren.domain.linking.PatientRecordUnlinked;
import org.huren.domain.linking.query.GetPatientLinkDecisions;
import org.huren.domain.linking.query.PatientLinkDecision;
import org.huren.projections.support.SqlFilter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.huren.projections.support.Sql.instant;
import static org.huren.projections.support.Sql.ts;

/**
 * Linked patient records, beside the patients they link, so a search by one record's identifier finds all; and the
 * QC managers' decisions on links (unlinked, linked again) with their reasons. Every match of a patient by identifier
 * — FHIR searches, {@code $reusable} — goes through {@link #carrying} and {@link #samePerson}, so a record unlinked
 * from an identifier is found by it nowhere.
 */
@Component
@ProcessingGroup(LabRecordsProcessing.GROUP)
public class PatientLinkProjection {

    private final JdbcTemplate jdbc;

    public PatientLinkProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * SQL selecting the patient records that carry one of the identifiers ({@code system|value} or a bare value),
     * less every record a QC manager unlinked from the identifier it matched (in any alliance: "this record is not
     * this person" is said of the record, and stays said until a new decision links it again). Adds its arguments.
     */
    public static String carrying(List<String> identifiers, List<Object> args) {
        String match = SqlFilter.identifierMatch(identifiers, "i.system", "i.value", args);
        return "SELECT i.patient_id FROM readmodel.patient_identifier i WHERE " + match
                + " AND NOT EXISTS (SELECT 1 FROM readmodel.patient_link u WHERE u.patient_id = i.patient_id"
                + " AND u.system = i.system AND u.value = i.value AND NOT u.linked)";
    }

    /**
     * SQL selecting the patient records of the person known by one of the identifiers: those {@link #carrying} it
     * and every record linked to one of them — except a record unlinked from the person's identifier, even where
     * another alliance still links it. Adds its arguments.
     */
    public static String samePerson(List<String> identifiers, List<Object> args) {
        String direct = carrying(identifiers, args);
        String linkedToThem = "SELECT l2.patient_id FROM readmodel.patient_link l1"
                + " JOIN readmodel.patient_link l2 ON l2.person_id = l1.person_id AND l2.linked"
                + " WHERE l1.linked AND l1.patient_id IN (" + carrying(identifiers, args) + ")"
                + " AND NOT EXISTS (SELECT 1 FROM readmodel.patient_link u WHERE u.patient_id = l2.patient_id"
                + " AND u.system = l2.system AND u.value = l2.value AND NOT u.linked)";
        return direct + " UNION " + linkedToThem;
    }

    /**
     * The ids of the records {@link #samePerson} selects, asked on their own: a search that then names its records by
     * id lets the planner see how few they are and start from the records' rows, where a sub-select (two hashed
     * sub-plans) made it walk the whole result table in first-seen order (issue 15: 351 ms on 130,000 results).
     */
    public static String[] samePersonRecords(JdbcTemplate jdbc, List<String> identifiers) {
        List<Object> args = new ArrayList<>();
        String sql = samePerson(identifiers, args);
        return jdbc.queryForList(sql, String.class, args.toArray()).toArray(String[]::new);
    }

    /** The ids of the records {@link #carrying} selects, asked on their own (as {@link #samePersonRecords}). */
    public static String[] carryingRecords(JdbcTemplate jdbc, List<String> identifiers) {
        List<Object> args = new ArrayList<>();
        String sql = carrying(identifiers, args);
        return jdbc.queryForList(sql, String.class, args.toArray()).toArray(String[]::new);
    }

    @EventHandler
    void on(PatientRecordLinked event) {
        link(event.personId(), event.allianceId(), event.system(), event.value(), event.patientId(), event.labId());
    }

    @EventHandler
    void on(PatientLinkConfirmed event, @Timestamp Instant at, EventMessage<?> message) {
        link(event.personId(), event.allianceId(), event.system(), event.value(), event.patientId(), event.labId());
        jdbc.update("""
                INSERT INTO readmodel.patient_link_decision (person_id, alliance_id, system, value, patient_id,
                    decision, reason, decided_at, event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING
                """, event.personId(), event.allianceId(), event.system(), event.value(), event.patientId(),
                PatientLinkDecision.LINKED, event.reason(), ts(at), message.getIdentifier());
    }

    private void link(String personId, String allianceId, String system, String value, String patientId,
                      String labId) {
        jdbc.update("""
                INSERT INTO readmodel.patient_link (person_id, alliance_id, system, value, patient_id, lab_id, linked)
                VALUES (?, ?, ?, ?, ?, ?, true)
                ON CONFLICT (person_id, patient_id) DO UPDATE SET linked = true
                """, personId, allianceId, system, value, patientId, labId);
    }

    @EventHandler
    void on(PatientRecordUnlinked event, @Timestamp Instant at, EventMessage<?> message) {
        jdbc.update("UPDATE readmodel.patient_link SET linked = false WHERE person_id = ? AND patient_id = ?",
                event.personId(), event.patientId());
        // the event names the person by id: its identifier is the link's
        jdbc.update("""
                INSERT INTO readmodel.patient_link_decision (person_id, alliance_id, system, value, patient_id,
                    decision, reason, decided_at, event_id)
                SELECT person_id, alliance_id, system, value, patient_id, ?, ?, ?, ?
                FROM readmodel.patient_link WHERE person_id = ? AND patient_id = ?
                ON CONFLICT (event_id) DO NOTHING
                """, PatientLinkDecision.UNLINKED, event.reason(), ts(at), message.getIdentifier(), event.personId(),
                event.patientId());
    }

    @QueryHandler
    public List<PatientLinkDecision> decisions(GetPatientLinkDecisions query) {
        List<Object> args = new ArrayList<>(List.of(query.resultId()));
        String asOf = "";
        if (query.asOf() != null) {
            asOf = " AND d.decided_at <= ?";
            args.add(ts(query.asOf()));
        }
        return jdbc.query("SELECT d.* FROM readmodel.patient_link_decision d"
                        + " JOIN readmodel.observation o ON o.patient_id = d.patient_id WHERE o.id = ?" + asOf
                        + " ORDER BY d.decided_at, d.seq",
                (rs, i) -> new PatientLinkDecision(rs.getString("alliance_id"), rs.getString("system"),
                        rs.getString("value"), rs.getString("decision"), rs.getString("reason"),
                        instant(rs.getTimestamp("decided_at")), rs.getString("event_id")), args.toArray());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE readmodel.patient_link, readmodel.patient_link_decision");
    }
}
