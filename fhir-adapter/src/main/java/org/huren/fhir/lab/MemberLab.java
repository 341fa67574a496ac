package org.huren.fhir.lab;

import org.huren.domain.common.Identifier;

import java.util.List;
import java.util.Map;

/**
 * A lab as the FHIR adapter sees it: its HuRen code (also its FHIR Organization id), name, level,
 * identifiers, and its standing — ACTIVE when it is an active member of at least one alliance, SUSPENDED
 * when it is a member only in suspension (its results are kept but marked), WITHDRAWN when it is a member
 * no more (it may not submit). {@code standings}: its status in each alliance, by alliance id.
 */
public record MemberLab(String code, String name, String level, List<Identifier> identifiers, String status,
                        Map<String, String> standings) {

    public static final String ACTIVE = "ACTIVE";
    public static final String SUSPENDED = "SUSPENDED";
    public static final String WITHDRAWN = "WITHDRAWN";

    public MemberLab {
        identifiers = List.copyOf(identifiers);
        standings = standings == null ? Map.of() : Map.copyOf(standings);
    }

    public boolean maySubmit() {
        return ACTIVE.equals(status) || SUSPENDED.equals(status);
    }

    /** The alliances the lab is a member of (active or suspended): not those it withdrew from. */
    public List<String> alliances() {
        return standings.entrySet().stream().filter(e -> !WITHDRAWN.equals(e.getValue())).map(Map.Entry::getKey)
                .toList();
    }

    public boolean hasIdentifier(String system, String value) {
        return identifiers.stream().anyMatch(i -> value.equals(i.value())
                && (system == null || system.isEmpty() || system.equals(i.system())));
    }
}
