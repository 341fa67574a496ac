package org.huren.domain.alliance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Admit a member lab to recognition for catalog items (项目准入), from {@code validFrom} until the end of
 * {@code validUntil}, on the strength of an on-site assessment.
 */
public record AccreditLab(@TargetAggregateIdentifier String allianceId, String labCode, Set<String> itemCodes,
                          LocalDate validFrom, LocalDate validUntil, String assessmentId, List<String> assessors) {

    public AccreditLab {
        itemCodes = itemCodes == null ? Set.of() : Set.copyOf(itemCodes);
        assessors = assessors == null ? List.of() : List.copyOf(assessors);
    }
}
