package org.huren.fhir.ingest;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.time.Duration;
import java.util.function.Function;

/**
 * The one way HuRen sends several commands as one write: a unit of work with its database transaction, all or
 * nothing, retried as a whole when another writer appended to one of its aggregates first (the unique
 * (aggregate, sequence) key refused the append), created the same aggregate at the same moment, or held an aggregate
 * lock it needed while waiting for one of its own (Axon's {@link DeadlockException}: two Bundles registering, in
 * opposite orders, patients who share a person, whose links lock the same persons). Every attempt
 * starts from scratch, so work that reads what exists sees the other writer's records the next time. The /api's
 * writes, the FHIR ingest and the EQA results go through it, so they cannot drift apart (ADR 0020).
 */
public final class RetriedUnitOfWork {

    /** Attempts in all; a write that loses this many races in a row is answered 409 by its caller. */
    public static final int MAX_ATTEMPTS = 5;

    private final TransactionManager transactions;
    private final Retry retry;

    public RetriedUnitOfWork(TransactionManager transactions) {
        this.transactions = transactions;
        // a short, jittered pause: writers that collided once do not collide again in lockstep
        this.retry = Retry.of("unit-of-work", RetryConfig.custom()
                .maxAttempts(MAX_ATTEMPTS)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(2), 2.0, 0.5))
                .retryExceptions(ConcurrencyException.class, AggregateStreamCreationException.class,
                        DeadlockException.class)
                .build());
    }

    /**
     * Runs {@code work} — which sends its commands through the command gateway, in the unit of work it is handed —
     * and commits. A lost race starts a new unit of work (the rollback releases its locks) and runs {@code work}
     * again; after the last attempt the {@link ConcurrencyException} or {@link AggregateStreamCreationException} is
     * thrown, a deadlock as a {@link ConcurrencyException}. Anything else rolls back and is thrown at once.
     */
    public <T> T execute(Function<UnitOfWork<?>, T> work) {
        try {
            return retry.executeSupplier(() -> once(work));
        } catch (DeadlockException e) {
            throw new ConcurrencyException("another write held the locks this one needed, each waiting for the other", e);
        }
    }

    private <T> T once(Function<UnitOfWork<?>, T> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            unitOfWork.attachTransaction(transactions);
            T result = work.apply(unitOfWork);
            unitOfWork.commit();
            return result;
        } catch (RuntimeException e) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(e);
            }
            throw e;
        }
    }
}
