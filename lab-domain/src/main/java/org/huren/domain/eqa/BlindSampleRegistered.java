package org.huren.domain.eqa;

import org.huren.domain.common.Identifier;

/**
 * A blind sample (盲样) of a flight inspection: lab {@code labCode} will receive it under {@code accession} as if
 * from patient {@code pseudoPatient}; HuRen's ids of that specimen and patient record (derived from the lab's keys,
 * as the ingest derives them) let every read model keep its results away from clinicians.
 */
public record BlindSampleRegistered(String roundId, String allianceId, String labCode, String sampleCode,
                                    Identifier accession, String specimenId, Identifier pseudoPatient,
                                    String pseudoPatientId) {
}
