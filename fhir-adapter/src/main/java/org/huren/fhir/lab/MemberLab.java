package org.huren.fhir.lab;

import org.huren.domain.common.Identifier;

import java.util.List;

/** A lab that may submit results: its HuRen code (also its FHIR Organization id), name and identifiers. */
public record MemberLab(String code, String name, String level, List<Identifier> identifiers) {

    public MemberLab {
        identifiers = List.copyOf(identifiers);
    }

    public boolean hasIdentifier(String system, String value) {
        return identifiers.stream().anyMatch(i -> value.equals(i.value())
                && (system == null || system.isEmpty() || system.equals(i.system())));
    }
}
