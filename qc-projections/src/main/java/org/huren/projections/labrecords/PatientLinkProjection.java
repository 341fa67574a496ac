package org.huren.projections.labrecords;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.huren.domain.linking.PatientRecordLinked;
import org.huren.domain.linking.PatientRecordUnlinked;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Linked patient records, beside the patients they link, so a search by one record's identifier finds all. */
@Component
@ProcessingGroup(LabRecordsProcessing.GROUP)
public class PatientLinkProjection {

    private final JdbcTemplate jdbc;

    public PatientLinkProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PatientRecordLinked event) {
        jdbc.update("""
                INSERT INTO readmodel.patient_link (person_id, alliance_id, system, value, patient_id, lab_id, linked)
                VALUES (?, ?, ?, ?, ?, ?, true)
                ON CONFLICT (person_id, patient_id) DO UPDATE SET linked = true
                """, event.personId(), event.allianceId(), event.system(), event.value(), event.patientId(),
                event.labId());
    }

    @EventHandler
    void on(PatientRecordUnlinked event) {
        jdbc.update("UPDATE readmodel.patient_link SET linked = false WHERE person_id = ? AND patient_id = ?",
                event.personId(), event.patientId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE readmodel.patient_link");
    }
}
