package org.huren.domain.linking.query;

import java.time.Instant;

/**
 * The QC managers' decisions on the patient record a result belongs to — unlinked from a person (this record is
 * not them) or linked to one again — up to {@code asOf} (null: all), oldest first. Answered with a list of
 * {@link PatientLinkDecision}.
 */
public record GetPatientLinkDecisions(String resultId, Instant asOf) {
}
