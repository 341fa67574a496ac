package org.huren.fhir.read;

import org.axonframework.eventhandling.DomainEventMessage;
import org.huren.domain.labdoc.DocumentKind;
import org.huren.domain.labdoc.LabDocumentRecorded;
import org.huren.domain.labdoc.LabDocumentRevised;
import org.huren.domain.labresult.LabResultContent;
import org.huren.domain.labresult.LabResultCorrected;
import org.huren.domain.labresult.LabResultReported;
import org.huren.domain.labresult.LabResultRetracted;
import org.huren.domain.patient.PatientDetailsChanged;
import org.huren.domain.patient.PatientRegistered;
import org.huren.domain.query.StoredResource;
import org.huren.domain.recognition.query.ResultTag;
import org.huren.fhir.ingest.EventStoreIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * Every version of a lab record, rebuilt from its events: each event of a result (LabResult), patient or specimen /
 * report (LabDocument) carries the resource as the LIS sent it then, references rewritten to HuRen ids — version n is
 * the n-th event's resource, last updated at that event's timestamp. Read from the event store (strongly
 * consistent); nothing is written for it.
 */
public class LabRecordVersions {

    private final EventStoreIndex eventStore;

    public LabRecordVersions(EventStoreIndex eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * The versions of {@code current} (a record as a read model serves it), oldest first, each as a stored resource
     * of its own — with what belongs to that version (its suspended-member tag), not today's recognition.
     */
    public List<StoredResource> of(StoredResource current) {
        List<StoredResource> versions = new ArrayList<>();
        for (DomainEventMessage<?> event : eventStore.events(current.id())) {
            Version version = versionOf(current.resourceType(), event.getPayload());
            versions.add(new StoredResource(current.resourceType(), current.id(), event.getSequenceNumber() + 1,
                    event.getTimestamp(), current.labId(), version.resource(), version.tags(), List.of(),
                    current.visibleOnlyTo()));
        }
        return versions;
    }

    private record Version(String resource, List<ResultTag> tags) {

        static Version of(String resource) {
            return new Version(resource, List.of());
        }

        /** A result keeps the mark of the standing its lab had when it sent this version. */
        static Version of(LabResultContent content) {
            return new Version(content.resource(),
                    content.suspendedIn().isEmpty() ? List.of() : List.of(ResultTag.SUSPENDED_MEMBER));
        }
    }

    /** What one event of a lab record made of it; every event of these aggregates carries the whole resource. */
    private static Version versionOf(String resourceType, Object payload) {
        if (payload instanceof LabResultReported event) {
            return Version.of(event.content());
        } else if (payload instanceof LabResultCorrected event) {
            return Version.of(event.content());
        } else if (payload instanceof LabResultRetracted event) {
            return Version.of(event.content());
        } else if (payload instanceof PatientRegistered event) {
            return Version.of(event.content().resource());
        } else if (payload instanceof PatientDetailsChanged event) {
            return Version.of(event.content().resource());
        } else if (payload instanceof LabDocumentRecorded event && is(event.kind(), resourceType)) {
            return Version.of(event.content().resource());
        } else if (payload instanceof LabDocumentRevised event && is(event.kind(), resourceType)) {
            return Version.of(event.content().resource());
        }
        throw new IllegalStateException(payload.getClass().getSimpleName() + " is no version of a " + resourceType
                + ": an event that changes a lab record must carry its resource");
    }

    private static boolean is(DocumentKind kind, String resourceType) {
        return kind.fhirType().equals(resourceType);
    }
}
