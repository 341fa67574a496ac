package org.huren.projections.linking;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.huren.domain.alliance.IdentifierSystemTrustChanged;
import org.huren.domain.alliance.LabEnrolled;
import org.huren.domain.common.Identifier;
import org.huren.domain.linking.LinkPatientRecord;
import org.huren.domain.linking.PersonLink;
import org.huren.domain.patient.PatientContent;
import org.huren.domain.patient.PatientDetailsChanged;
import org.huren.domain.patient.PatientRegistered;
import org.huren.projections.recognition.RecognitionProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Links member patient records that share an identifier of a system their alliance trusts, by sending
 * {@link LinkPatientRecord} — so the link and its basis are events. It runs in the one-segment recognition
 * processor, so it sees trust, membership and patients in store order; on a replay it only rebuilds its facts
 * (the links are already events).
 */
@Component
@ProcessingGroup(RecognitionProjection.GROUP)
public class PatientLinker {

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;

    public PatientLinker(JdbcTemplate jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    @EventHandler
    void on(IdentifierSystemTrustChanged event, ReplayStatus replay) {
        if (!event.trusted()) {
            jdbc.update("DELETE FROM readmodel.rec_trusted_system WHERE alliance_id = ? AND system = ?",
                    event.allianceId(), event.system());
            return;
        }
        jdbc.update("INSERT INTO readmodel.rec_trusted_system (alliance_id, system) VALUES (?, ?) "
                + "ON CONFLICT DO NOTHING", event.allianceId(), event.system());
        if (replay.isReplay()) {
            return;
        }
        jdbc.query("""
                SELECT DISTINCT i.patient_id, i.lab_id, i.value FROM readmodel.rec_patient_identifier i
                JOIN readmodel.rec_membership m ON m.lab_code = i.lab_id AND m.alliance_id = ?
                WHERE i.system = ?
                """, rs -> {
            link(event.allianceId(), event.system(), rs.getString("value"), rs.getString("patient_id"),
                    rs.getString("lab_id"));
        }, event.allianceId(), event.system());
    }

    @EventHandler
    void on(LabEnrolled event, ReplayStatus replay) {
        if (replay.isReplay()) {
            return;
        }
        jdbc.query("""
                SELECT i.patient_id, i.system, i.value FROM readmodel.rec_patient_identifier i
                JOIN readmodel.rec_trusted_system t ON t.system = i.system AND t.alliance_id = ?
                WHERE i.lab_id = ?
                """, rs -> {
            link(event.allianceId(), rs.getString("system"), rs.getString("value"), rs.getString("patient_id"),
                    event.labCode());
        }, event.allianceId(), event.labCode());
    }

    @EventHandler
    void on(PatientRegistered event, ReplayStatus replay) {
        patient(event.patientId(), event.labId(), event.content(), replay);
    }

    @EventHandler
    void on(PatientDetailsChanged event, ReplayStatus replay) {
        patient(event.patientId(), event.labId(), event.content(), replay);
    }

    private void patient(String patientId, String labId, PatientContent content, ReplayStatus replay) {
        if (blindPatients().contains(patientId)) {
            return; // a flight inspection's pseudo-patient is nobody's record
        }
        for (Identifier identifier : content.identifiers()) {
            String system = identifier.system() == null ? "" : identifier.system();
            jdbc.update("INSERT INTO readmodel.rec_patient_identifier (patient_id, lab_id, system, value) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", patientId, labId, system, identifier.value());
            if (replay.isReplay()) {
                continue;
            }
            jdbc.query("""
                    SELECT DISTINCT t.alliance_id FROM readmodel.rec_trusted_system t
                    JOIN readmodel.rec_membership m ON m.alliance_id = t.alliance_id AND m.lab_code = ?
                    WHERE t.system = ?
                    """, rs -> {
                link(rs.getString("alliance_id"), system, identifier.value(), patientId, labId);
            }, labId, system);
        }
    }

    private void link(String allianceId, String system, String value, String patientId, String labId) {
        commands.sendAndWait(new LinkPatientRecord(PersonLink.personId(allianceId, system, value), allianceId,
                system, value, patientId, labId));
    }

    /** The pseudo-patients of blind samples, read once per batch. */
    private java.util.Set<String> blindPatients() {
        java.util.function.Supplier<java.util.Set<String>> load = () -> new java.util.HashSet<>(
                jdbc.queryForList("SELECT patient_id FROM readmodel.blind_patient", String.class));
        if (!org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()) {
            return load.get();
        }
        return org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get().root()
                .getOrComputeResource(PatientLinker.class.getName() + ".blind", k -> load.get());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE readmodel.rec_trusted_system, readmodel.rec_patient_identifier");
    }
}
