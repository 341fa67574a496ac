package org.huren.projections.linking;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.huren.domain.alliance.IdentifierSystemTrustChanged;
import org.huren.domain.alliance.LabEnrolled;
import org.huren.domain.common.Identifier;
import org.huren.domain.linking.LinkPatientRecord;
import org.huren.domain.linking.PersonLink;
import org.huren.domain.patient.PatientContent;
import org.huren.domain.patient.PatientDetailsChanged;
import org.huren.domain.patient.PatientRegistered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Links member patient records that share an identifier of a system their alliance trusts, by sending
 * {@link LinkPatientRecord} — so the link and its basis are events. A subscribing processor: it keeps its facts
 * (trusted systems, memberships, patient identifiers) and sends its links in the very transaction of the write
 * that causes them (a patient registered, a system trusted, a lab enrolled), so the links are committed with that
 * write and the position it answers covers them. Being synchronous it is never replayed: a rebuilt read model
 * finds the links as events.
 */
@Component
@ProcessingGroup(PatientLinker.GROUP)
public class PatientLinker {

    public static final String GROUP = "patient-linking";

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;

    public PatientLinker(JdbcTemplate jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    @EventHandler
    void on(IdentifierSystemTrustChanged event) {
        if (!event.trusted()) {
            jdbc.update("DELETE FROM readmodel.link_trusted_system WHERE alliance_id = ? AND system = ?",
                    event.allianceId(), event.system());
            return;
        }
        jdbc.update("INSERT INTO readmodel.link_trusted_system (alliance_id, system) VALUES (?, ?) "
                + "ON CONFLICT DO NOTHING", event.allianceId(), event.system());
        link(jdbc.query("""
                SELECT DISTINCT i.patient_id, i.lab_id, i.value FROM readmodel.link_patient_identifier i
                JOIN readmodel.link_member m ON m.lab_code = i.lab_id AND m.alliance_id = ?
                WHERE i.system = ?
                """, (rs, n) -> link(event.allianceId(), event.system(), rs.getString("value"),
                rs.getString("patient_id"), rs.getString("lab_id")), event.allianceId(), event.system()));
    }

    @EventHandler
    void on(LabEnrolled event) {
        jdbc.update("INSERT INTO readmodel.link_member (alliance_id, lab_code) VALUES (?, ?) ON CONFLICT DO NOTHING",
                event.allianceId(), event.labCode());
        link(jdbc.query("""
                SELECT i.patient_id, i.system, i.value FROM readmodel.link_patient_identifier i
                JOIN readmodel.link_trusted_system t ON t.system = i.system AND t.alliance_id = ?
                WHERE i.lab_id = ?
                """, (rs, n) -> link(event.allianceId(), rs.getString("system"), rs.getString("value"),
                rs.getString("patient_id"), event.labCode()), event.allianceId(), event.labCode()));
    }

    @EventHandler
    void on(PatientRegistered event) {
        patient(event.patientId(), event.labId(), event.content());
    }

    @EventHandler
    void on(PatientDetailsChanged event) {
        patient(event.patientId(), event.labId(), event.content());
    }

    private void patient(String patientId, String labId, PatientContent content) {
        if (!jdbc.queryForList("SELECT 1 FROM readmodel.blind_patient WHERE patient_id = ?", Integer.class,
                patientId).isEmpty()) {
            return; // a flight inspection's pseudo-patient is nobody's record
        }
        List<LinkPatientRecord> links = new ArrayList<>();
        for (Identifier identifier : content.identifiers()) {
            String system = identifier.system() == null ? "" : identifier.system();
            jdbc.update("INSERT INTO readmodel.link_patient_identifier (patient_id, lab_id, system, value) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", patientId, labId, system, identifier.value());
            links.addAll(jdbc.query("""
                    SELECT DISTINCT t.alliance_id FROM readmodel.link_trusted_system t
                    JOIN readmodel.link_member m ON m.alliance_id = t.alliance_id AND m.lab_code = ?
                    WHERE t.system = ?
                    """, (rs, n) -> link(rs.getString("alliance_id"), system, identifier.value(), patientId, labId),
                    labId, system));
        }
        link(links);
    }

    private static LinkPatientRecord link(String allianceId, String system, String value, String patientId,
                                          String labId) {
        return new LinkPatientRecord(PersonLink.personId(allianceId, system, value), allianceId, system, value,
                patientId, labId);
    }

    /**
     * Sends the links in the order of their persons: two writes linking some of the same persons at once then take
     * those persons' locks in the same order, and one waits for the other instead of both deadlocking.
     */
    private void link(List<LinkPatientRecord> links) {
        links.stream().sorted(Comparator.comparing(LinkPatientRecord::personId)
                        .thenComparing(LinkPatientRecord::patientId))
                .forEach(commands::sendAndWait);
    }
}
