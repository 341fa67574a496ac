package org.huren.domain.eqa;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.huren.domain.common.Identifier;

import java.time.Instant;
import java.util.List;

/**
 * A QC manager opens an EQA round — or, with {@code kind} FLIGHT_INSPECTION, registers blind samples for one lab
 * with the {@code pseudoPatient} they arrive under: items, samples (with assigned values and limits), the
 * participating labs, the return deadline and the rule set the grading will record.
 */
public record OpenEqaRound(@TargetAggregateIdentifier String roundId, String allianceId, EqaRoundKind kind,
                           EqaProvider provider, String title, List<RoundItem> items, List<RoundSample> samples,
                           List<String> participants, Instant deadline, String ruleSet, String openedBy,
                           Identifier pseudoPatient) {

    public OpenEqaRound {
        items = items == null ? List.of() : List.copyOf(items);
        samples = samples == null ? List.of() : List.copyOf(samples);
        participants = participants == null ? List.of() : List.copyOf(participants);
    }
}
