package org.huren.domain.linking.query;

import java.time.Instant;

/**
 * One decision on a patient record's link to the person an alliance knows by {@code system|value}:
 * {@code UNLINKED} (the record is not that person: no match on the identifier finds it) or {@code LINKED} (it is,
 * after all), with the reason, when it was recorded and its event.
 */
public record PatientLinkDecision(String allianceId, String system, String value, String decision, String reason,
                                  Instant decidedAt, String eventId) {

    public static final String UNLINKED = "UNLINKED";
    public static final String LINKED = "LINKED";
}
