package org.huren.domain.query;

import java.util.List;

/**
 * Read lab records of one type by HuRen id ({@code resourceType}: Observation, Patient, Specimen or DiagnosticReport),
 * as a search's {@code _include} names them. Answered with the {@link StoredResource}s found, in any order; whoever
 * asks decides which of them the caller may see.
 */
public record FindResources(String resourceType, List<String> ids) {

    public FindResources {
        ids = List.copyOf(ids);
    }
}
