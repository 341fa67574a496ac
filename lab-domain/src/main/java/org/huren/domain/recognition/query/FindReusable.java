package org.huren.domain.recognition.query;

import java.time.Instant;
import java.util.List;

/**
 * A clinician's question "is there a result for this patient and this item I may reuse now?": the patient by
 * any identifier of any member's record ({@code system|value} or a bare value), the item by any of its
 * codes, within one alliance, at {@code at}. Answered with a {@link ReusableAnswer}.
 */
public record FindReusable(String allianceId, List<String> patientIdentifiers, String code, Instant at) {

    public FindReusable {
        patientIdentifiers = List.copyOf(patientIdentifiers);
    }
}
