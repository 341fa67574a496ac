package org.huren.domain.recognition.query;

import java.time.Instant;
import java.util.List;

/**
 * A clinician's question "is there a result for this patient and this item I may reuse now?": the patient by
 * any identifier of any member's record ({@code system|value} or a bare value), the item by any of its
 * codes, within one alliance, at {@code at}, asked by {@code requestingLab} (or null when no lab is named): a
 * lab's own blind-sample results (盲样) are answered to it like any result, and to nobody else. Answered with a
 * {@link ReusableAnswer}.
 */
public record FindReusable(String allianceId, List<String> patientIdentifiers, String code, Instant at,
                           String requestingLab) {

    public FindReusable {
        patientIdentifiers = List.copyOf(patientIdentifiers);
    }
}
