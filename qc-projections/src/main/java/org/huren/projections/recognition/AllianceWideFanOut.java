package org.huren.projections.recognition;

import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recognition processor's handlers as its segments see them (ADR 0019): an event sequenced by its lab
 * ({@link RecognitionSequencing}) reaches only its lab's segment, as Axon routes it; an alliance-wide fact reaches
 * every segment — a sequencing policy names one segment per event, so this invoker lets the handlers take it as the
 * root segment would. Either way the unit of work carries the segment being processed, for the handlers to act on
 * its labs only ({@link LabSegments}).
 *
 * <p>Every event of the store is offered to every segment, and most are of types no handler takes (patients, links):
 * whether a type is handled is asked once per type and remembered, so such an event is passed over by its type alone,
 * without deserializing its payload (a replay reads the whole store).
 */
public final class AllianceWideFanOut implements EventHandlerInvoker {

    private final EventHandlerInvoker delegate;
    private final Map<Class<?>, Boolean> handledTypes = new ConcurrentHashMap<>();

    public AllianceWideFanOut(EventHandlerInvoker delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean canHandle(EventMessage<?> event, Segment segment) {
        Class<?> type = event.getPayloadType();
        return handledTypes.computeIfAbsent(type, delegate::canHandleType)
                && delegate.canHandle(event, RecognitionSequencing.allianceWide(type) ? Segment.ROOT_SEGMENT : segment);
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return delegate.canHandleType(payloadType);
    }

    @Override
    public void handle(EventMessage<?> event, Segment segment) throws Exception {
        LabSegments.check(segment);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().put(LabSegments.RESOURCE, segment);
        }
        delegate.handle(event, RecognitionSequencing.allianceWide(event.getPayloadType()) ? Segment.ROOT_SEGMENT
                : segment);
    }

    @Override
    public boolean supportsReset() {
        return delegate.supportsReset();
    }

    @Override
    public void performReset() {
        delegate.performReset();
    }

    @Override
    public <R> void performReset(R resetContext) {
        delegate.performReset(resetContext);
    }

    @Override
    public void segmentReleased(Segment segment) {
        delegate.segmentReleased(segment);
    }
}
