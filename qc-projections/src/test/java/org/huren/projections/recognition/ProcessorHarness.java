package org.huren.projections.recognition;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

import java.util.List;

/** Hands events to an event handler in batches, one unit of work per batch, as a streaming processor does. */
final class ProcessorHarness {

    private final AnnotationEventHandlerAdapter adapter;

    ProcessorHarness(Object handler) {
        this.adapter = new AnnotationEventHandlerAdapter(handler);
    }

    /** The events in batches of {@code size}. */
    void process(List<EventMessage<?>> events, int size) {
        for (int from = 0; from < events.size(); from += size) {
            List<EventMessage<?>> batch = events.subList(from, Math.min(events.size(), from + size));
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> adapter.canHandle(unitOfWork.getMessage())
                    ? adapter.handle(unitOfWork.getMessage()) : null, RollbackConfigurationType.ANY_THROWABLE);
            if (result.isExceptional()) {
                throw new IllegalStateException("the batch failed", result.exceptionResult());
            }
        }
    }

    void reset() {
        adapter.prepareReset();
    }
}
