package org.huren.fhir.read;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntryTransactionMethodEnum;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.huren.domain.query.FindResource;
import org.huren.domain.query.StoredResource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads one lab record — its current version, any earlier one, or all of them — and renders it as FHIR. Who may see
 * it is decided on the read model; earlier versions come from the event store ({@link LabRecordVersions}). A record
 * the read model does not hold yet (or not at the version asked) is looked for again once the read model has
 * processed every write committed before, so a record just written is found by the id its write answered.
 */
public class LabRecordReads {

    private final QueryGateway queries;
    private final StoredResources stored;
    private final LabRecordVersions versions;
    private final ConfirmedReads confirmed;

    public LabRecordReads(QueryGateway queries, StoredResources stored, LabRecordVersions versions,
                          ConfirmedReads confirmed) {
        this.queries = queries;
        this.stored = stored;
        this.versions = versions;
        this.confirmed = confirmed;
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
     * {@code labVisible} accepts only: any other is not found either (its existence is not told). An id with a version
     * ({@code Observation/1/_history/2}) reads that version (vread).
     */
    public Resource read(String resourceType, IdType id, String requestingLab, Predicate<String> labVisible) {
        long asked = id.hasVersionIdPart() ? versionOf(resourceType, id) : 0;
        StoredResource current = current(resourceType, id, asked, requestingLab, labVisible);
        if (asked == 0 || asked == current.version()) {
            return stored.toResource(current);
        }
        if (asked > current.version()) {
            throw noSuchVersion(resourceType, id, current);
        }
        return stored.toResource(versions.of(current).get((int) asked - 1));
    }

    /**
     * Every version of a record the caller may see, newest first ({@code _history}), those recorded at or after
     * {@code since} only when it is given. Each is rendered as a read of that version renders it; each carries the
     * method that wrote it (POST for the first, PUT for a later one) for the history Bundle.
     */
    public List<Resource> history(String resourceType, IdType id, Instant since, String requestingLab,
                                  Predicate<String> labVisible) {
        StoredResource current = current(resourceType, id, 0, requestingLab, labVisible);
        List<StoredResource> newestFirst = new ArrayList<>(versions.of(current));
        Collections.reverse(newestFirst);
        List<Resource> history = new ArrayList<>();
        for (StoredResource version : newestFirst) {
            if (since != null && version.lastUpdated().isBefore(since)) {
                continue;
            }
            Resource resource = stored.toResource(version.version() == current.version() ? current : version);
            ResourceMetadataKeyEnum.ENTRY_TRANSACTION_METHOD.put(resource, version.version() == 1
                    ? BundleEntryTransactionMethodEnum.POST : BundleEntryTransactionMethodEnum.PUT);
            history.add(resource);
        }
        return history;
    }

    /**
     * The record as its read model holds it, if the caller may see it. One the read model does not hold — or holds
     * at a version below {@code atLeast} — is asked again once the read model has caught up with every committed
     * write (bounded: 503 past it), so that an id a write just answered is never not found.
     */
    private StoredResource current(String resourceType, IdType id, long atLeast, String requestingLab,
                                   Predicate<String> labVisible) {
        Optional<StoredResource> found = confirmed.read(ReadModel.LAB_RECORDS,
                () -> queries.query(new FindResource(resourceType, id.getIdPart()),
                        ResponseTypes.optionalInstanceOf(StoredResource.class)).join(),
                record -> record.isPresent() && record.get().version() >= atLeast);
        return found.filter(r -> r.visibleTo(requestingLab) && labVisible.test(r.labId()))
                .orElseThrow(() -> new ResourceNotFoundException(id.toUnqualifiedVersionless()));
    }

    private static long versionOf(String resourceType, IdType id) {
        try {
            long version = Long.parseLong(id.getVersionIdPart());
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // not a version HuRen gives: not found, as below
        }
        throw new ResourceNotFoundException(resourceType + "/" + id.getIdPart() + " has no version '"
                + id.getVersionIdPart() + "': versions are 1, 2, 3, …");
    }

    private static ResourceNotFoundException noSuchVersion(String resourceType, IdType id, StoredResource current) {
        return new ResourceNotFoundException(resourceType + "/" + id.getIdPart() + " has no version "
                + id.getVersionIdPart() + ": its current version is " + current.version());
    }

    public StoredResources stored() {
        return stored;
    }

    public QueryGateway queries() {
        return queries;
    }
}
