package org.huren.fhir.read;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.huren.domain.query.FindResource;
import org.huren.domain.query.StoredResource;

import java.util.Optional;

/** Reads one lab record through the query bus and renders it as FHIR. */
public class LabRecordReads {

    private final QueryGateway queries;
    private final StoredResources stored;

    public LabRecordReads(QueryGateway queries, StoredResources stored) {
        this.queries = queries;
        this.stored = stored;
    }

    public Resource read(String resourceType, IdType id) {
        return read(resourceType, id, null);
    }

    /**
     * Reads a record as lab {@code requestingLab} (the lab the request's token acts for, or null): a blind sample's result or
     * pseudo-patient exists only for the lab that holds it — for anyone else it is not found.
     */
    public Resource read(String resourceType, IdType id, String requestingLab) {
        return read(resourceType, id, requestingLab, lab -> true);
    }

    /**
     * Reads a record as {@link #read(String, IdType, String)} does, for a caller who may see the records of the labs
     * {@code labVisible} accepts only: any other is not found either (its existence is not told).
     */
    public Resource read(String resourceType, IdType id, String requestingLab,
                         java.util.function.Predicate<String> labVisible) {
        Optional<StoredResource> found = queries.query(new FindResource(resourceType, id.getIdPart()),
                ResponseTypes.optionalInstanceOf(StoredResource.class)).join();
        StoredResource resource = found.filter(r -> r.visibleTo(requestingLab) && labVisible.test(r.labId()))
                .orElseThrow(() -> new ResourceNotFoundException(id));
        if (id.hasVersionIdPart() && !id.getVersionIdPart().equals(Long.toString(resource.version()))) {
            throw new ResourceNotFoundException(resourceType + "/" + id.getIdPart() + " version "
                    + id.getVersionIdPart() + " is not the current version " + resource.version());
        }
        return stored.toResource(resource);
    }

    public StoredResources stored() {
        return stored;
    }

    public QueryGateway queries() {
        return queries;
    }
}
