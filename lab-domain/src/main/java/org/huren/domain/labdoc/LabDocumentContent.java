package org.huren.domain.labdoc;

import org.huren.domain.common.BusinessTime;
import org.huren.domain.common.Coding;
import org.huren.domain.common.Identifier;

import java.util.List;
import java.util.Objects;

/**
 * A specimen or a lab report as the LIS sent it: its status, type or report code, identifiers
 * (the specimen accession number), its patient, the HuRen ids of the results it groups, when it
 * happened, and the FHIR resource as stored.
 */
public record LabDocumentContent(String status,
                                 List<Coding> codes,
                                 List<Identifier> identifiers,
                                 String patientId,
                                 List<String> resultIds,
                                 BusinessTime effective,
                                 String resource,
                                 String contentHash) {

    public LabDocumentContent {
        codes = List.copyOf(codes);
        Objects.requireNonNull(contentHash, "contentHash");
        identifiers = List.copyOf(identifiers);
        resultIds = List.copyOf(resultIds);
    }
}
