package org.huren.projections.eqa;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.huren.domain.eqa.BlindSampleRegistered;
import org.huren.domain.eqa.query.BlindSampleRef;
import org.huren.domain.eqa.query.FindBlindSample;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Which specimens and patient records are blind samples (盲样) and pseudo-patients. A subscribing processor: the
 * rows are written in the very transaction that registers the flight inspection, so the ingest and every tracking
 * read model see them before any result of those specimens can exist — and judge the results the same on a replay.
 */
@Component
@ProcessingGroup(BlindSampleRegistry.GROUP)
public class BlindSampleRegistry {

    public static final String GROUP = "blind-samples";

    private final JdbcTemplate jdbc;

    public BlindSampleRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BlindSampleRegistered event) {
        // no ON CONFLICT: a specimen is blind for one inspection only (the API refuses a reused accession first)
        jdbc.update("""
                INSERT INTO readmodel.blind_specimen (specimen_id, round_id, alliance_id, lab_code, sample_code,
                    accession_system, accession_value)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, event.specimenId(), event.roundId(), event.allianceId(), event.labCode(), event.sampleCode(),
                event.accession().system(), event.accession().value());
        jdbc.update("""
                INSERT INTO readmodel.blind_patient (patient_id, round_id, alliance_id, lab_code, identifier_system,
                    identifier_value)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, event.pseudoPatientId(), event.roundId(), event.allianceId(), event.labCode(),
                event.pseudoPatient().system() == null ? "" : event.pseudoPatient().system(),
                event.pseudoPatient().value());
    }

    @QueryHandler
    public List<BlindSampleRef> find(FindBlindSample query) {
        if (query.specimenIds().isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT specimen_id, round_id, sample_code, lab_code FROM readmodel.blind_specimen "
                        + "WHERE specimen_id = ANY (?::text[])",
                (rs, i) -> new BlindSampleRef(rs.getString("specimen_id"), rs.getString("round_id"),
                        rs.getString("sample_code"), rs.getString("lab_code")),
                (Object) query.specimenIds().toArray(String[]::new));
    }
}
