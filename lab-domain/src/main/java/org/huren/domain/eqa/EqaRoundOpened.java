package org.huren.domain.eqa;

import org.huren.domain.common.Identifier;

import java.time.Instant;
import java.util.List;

/** An EQA round or flight inspection was opened; its assigned values stay hidden until it is graded. */
public record EqaRoundOpened(String roundId, String allianceId, EqaRoundKind kind, EqaProvider provider, String title,
                             List<RoundItem> items, List<RoundSample> samples, List<String> participants,
                             Instant deadline, String ruleSet, String openedBy, Identifier pseudoPatient) {

    public EqaRoundOpened {
        items = List.copyOf(items);
        samples = List.copyOf(samples);
        participants = List.copyOf(participants);
    }
}
