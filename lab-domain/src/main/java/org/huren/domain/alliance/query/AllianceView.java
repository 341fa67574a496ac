package org.huren.domain.alliance.query;

import java.time.Instant;

/** An alliance as listed for QC managers, with its recognition policy. */
public record AllianceView(String allianceId, String name, String kind, String integration, String coreInstitution,
                           Instant formedAt, RecognitionPolicyView recognitionPolicy) {

    public record RecognitionPolicyView(boolean notYetKnownBlocks, int iqcBracketHours, int eqaMaxAgeDays) {
    }
}
