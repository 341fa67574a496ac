package org.huren.domain.alliance;

/** 医联体 formed. */
public record AllianceFormed(String allianceId, String name, AllianceKind kind, Integration integration,
                             String coreInstitution) {
}
