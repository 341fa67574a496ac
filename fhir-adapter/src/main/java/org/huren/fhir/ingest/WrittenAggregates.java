package org.huren.fhir.ingest;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The aggregates a unit of work appends events to: those of its own commands and those of the commands its
 * events set off in the same transaction (a subscribing policy such as the patient linker). A write answers the
 * newest position of all of them, so a reader awaiting it sees everything the write caused — and each record it
 * wrote with the timestamp of its newest event, the {@code meta.lastUpdated} of the version it answers. Registered on
 * the event bus, whose dispatch interceptors see every event as its root unit of work prepares to commit.
 */
public final class WrittenAggregates implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final String RESOURCE = WrittenAggregates.class.getName();

    /** The set that fills as {@code unitOfWork} appends events: take it before the commit, read it after. */
    public static Set<String> of(UnitOfWork<?> unitOfWork) {
        return recorded(unitOfWork).keySet();
    }

    /**
     * When each aggregate {@code unitOfWork} appends to got its newest event (the timestamp stored with it), filled
     * as {@link #of} is.
     */
    public static Map<String, Instant> recorded(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getOrComputeResource(RESOURCE, key -> new ConcurrentHashMap<String, Instant>());
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (CurrentUnitOfWork.isStarted()) {
            Map<String, Instant> written = recorded(CurrentUnitOfWork.get());
            for (EventMessage<?> message : messages) {
                if (message instanceof DomainEventMessage<?> event) {
                    // events are published in the order they are appended: the last one seen is the newest
                    written.put(event.getAggregateIdentifier(), event.getTimestamp());
                }
            }
        }
        return (index, message) -> message;
    }
}
