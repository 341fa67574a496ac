package org.huren.domain.alliance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The alliance trusts an identifier system (national ID, medical insurance number, its MPI): member records
 * sharing an identifier of it are the same person; {@code trusted=false} stops trusting it.
 */
public record TrustIdentifierSystem(@TargetAggregateIdentifier String allianceId, String system, String name,
                                    boolean trusted) {
}
