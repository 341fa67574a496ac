package org.huren.domain.alliance;

/** The alliance's recognition policy changed; decisions from now on (and on replay, from this event) use it. */
public record RecognitionPolicySet(String allianceId, boolean notYetKnownBlocks, int iqcBracketHours,
                                   int eqaMaxAgeDays) {
}
