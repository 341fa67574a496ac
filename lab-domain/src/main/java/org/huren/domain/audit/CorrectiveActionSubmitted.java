package org.huren.domain.audit;

import java.util.List;

/** The lab submitted its corrective action for verification. */
public record CorrectiveActionSubmitted(String auditId, String allianceId, String labCode, String findingId,
                                        String response, List<String> evidence, String submittedBy) {

    public CorrectiveActionSubmitted {
        evidence = List.copyOf(evidence);
    }
}
