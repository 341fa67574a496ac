package org.huren.projections.recognition;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

import org.huren.projections.support.BatchedWrites;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import javax.sql.DataSource;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands events to an event handler in batches, one unit of work per batch, as a streaming processor does — and, like
 * its dead-letter queue, can park an event whose handler refuses it as poisoned and go on with the rest.
 */
final class ProcessorHarness {

    private final AnnotationEventHandlerAdapter adapter;
    private final EventHandlerInvoker segmented;
    private final TransactionManager transactions;

    /** Each batch in a transaction of {@code dataSource}, as the processor's batches are. */
    ProcessorHarness(Object handler, DataSource dataSource) {
        this.adapter = new AnnotationEventHandlerAdapter(handler);
        this.segmented = new AllianceWideFanOut(SimpleEventHandlerInvoker.builder().eventHandlers(handler)
                .sequencingPolicy(new RecognitionSequencing()).build());
        PlatformTransactionManager spring = new DataSourceTransactionManager(dataSource);
        this.transactions = () -> {
            TransactionStatus status = spring.getTransaction(new DefaultTransactionDefinition());
            return new Transaction() {
                @Override
                public void commit() {
                    spring.commit(status);
                }

                @Override
                public void rollback() {
                    spring.rollback(status);
                }
            };
        };
    }

    /** The events in batches of {@code size}. */
    void process(List<EventMessage<?>> events, int size) {
        process(events, size, new ArrayList<>());
    }

    /** The events in batches of {@code size}; answers the ids of the events parked as poisoned. */
    List<String> process(List<EventMessage<?>> events, int size, List<String> parked) {
        for (int from = 0; from < events.size(); from += size) {
            List<EventMessage<?>> batch = events.subList(from, Math.min(events.size(), from + size));
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
            unitOfWork.attachTransaction(transactions);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                EventMessage<?> event = unitOfWork.getMessage();
                try {
                    return adapter.canHandle(event) ? adapter.handle(event) : null;
                } catch (BatchedWrites.PoisonedEventException e) {
                    parked.add(event.getIdentifier());
                    return null;
                }
            }, RollbackConfigurationType.ANY_THROWABLE);
            if (result.isExceptional()) {
                throw new IllegalStateException("the batch failed", result.exceptionResult());
            }
        }
        return parked;
    }

    /**
     * The events as the processor's {@code segments} see them, one segment after the other — each one's whole stream
     * before the next begins, the furthest any segment can run ahead of another: each segment's events (those its
     * lab's sequencing and the fan-out of alliance-wide facts give it) in batches of {@code size}.
     */
    void processSegmented(List<EventMessage<?>> events, int size, Segment... segments) {
        for (Segment segment : segments) {
            List<EventMessage<?>> own = events.stream().filter(e -> segmented.canHandle(e, segment)).toList();
            for (int from = 0; from < own.size(); from += size) {
                BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(
                        own.subList(from, Math.min(own.size(), from + size)));
                unitOfWork.attachTransaction(transactions);
                ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                    segmented.handle(unitOfWork.getMessage(), segment);
                    return null;
                }, RollbackConfigurationType.ANY_THROWABLE);
                if (result.isExceptional()) {
                    throw new IllegalStateException("the batch failed", result.exceptionResult());
                }
            }
        }
    }

    void reset() {
        adapter.prepareReset();
    }
}
