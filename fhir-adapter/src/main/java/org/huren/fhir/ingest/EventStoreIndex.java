package org.huren.fhir.ingest;

import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the FHIR adapter asks of the event store directly: strongly consistent, unlike the read models. */
public interface EventStoreIndex {

    /** The aggregate type (LabResult, Patient, …) of an aggregate that exists, or empty. */
    Optional<String> aggregateType(String aggregateId);

    /** Type and owning lab of a lab record (its first event's {@code labId}), or empty when it does not exist. */
    Optional<Owned> labRecord(String aggregateId);

    record Owned(String aggregateType, String labId) {
    }

    /** The version (number of events) of each of these aggregates that exists; absent ones are left out. */
    Map<String, Long> versions(Collection<String> aggregateIds);

    /** The version of an aggregate and when it was reached (its newest event's timestamp). */
    record Head(long version, Instant recorded) {
    }

    /** The head of each of these aggregates that exists; absent ones are left out. One query for all of them. */
    Map<String, Head> heads(Collection<String> aggregateIds);

    /**
     * Every event of an aggregate, oldest first, as its aggregate is built from them (upcast, no snapshot); empty
     * when it does not exist.
     */
    List<DomainEventMessage<?>> events(String aggregateId);

    /** The global position of the newest event of any of these aggregates; -1 when none has an event. */
    long latestPosition(Collection<String> aggregateIds);
}
