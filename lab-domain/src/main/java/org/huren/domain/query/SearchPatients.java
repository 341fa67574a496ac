package org.huren.domain.query;

import java.util.List;

/** Search patients by identifier tokens ({@code system|value} or a bare value); alternatives. */
public record SearchPatients(List<String> identifiers, int offset, int count) {

    public SearchPatients {
        identifiers = List.copyOf(identifiers);
    }
}
