package org.huren.domain.localcode;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Map (or amend) codes of lab {@code labCode}'s code system {@code system}: all or none. */
public record MapLocalCodes(@TargetAggregateIdentifier String codeMapId, String labCode, String system,
                            List<LocalCodeProposal> proposals, MappingMode mode) {

    public MapLocalCodes {
        proposals = proposals == null ? List.of() : List.copyOf(proposals);
    }
}
