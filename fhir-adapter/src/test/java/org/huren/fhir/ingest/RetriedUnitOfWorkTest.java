package org.huren.fhir.ingest;

import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.huren.domain.common.DomainRuleViolation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetriedUnitOfWorkTest {

    /** What happened to each transaction, in order. */
    private final List<String> transactions = java.util.Collections.synchronizedList(new ArrayList<>());
    private final RetriedUnitOfWork unitsOfWork = new RetriedUnitOfWork(new TransactionManager() {
        @Override
        public Transaction startTransaction() {
            return new Transaction() {
                @Override
                public void commit() {
                    transactions.add("commit");
                }

                @Override
                public void rollback() {
                    transactions.add("rollback");
                }
            };
        }
    });

    @AfterEach
    void noUnitOfWorkLeftOpen() {
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    @Test
    void aWriteThatLostARaceIsRunAgainInANewTransactionUntilItCommits() {
        AtomicInteger attempts = new AtomicInteger();
        String answer = unitsOfWork.execute(unitOfWork -> {
            assertThat(CurrentUnitOfWork.get()).isSameAs(unitOfWork);
            if (attempts.incrementAndGet() < 3) {
                throw new ConcurrencyException("another writer appended first");
            }
            return "written";
        });
        assertThat(answer).isEqualTo("written");
        assertThat(attempts).hasValue(3);
        assertThat(transactions).containsExactly("rollback", "rollback", "commit");
    }

    @Test
    void twoRequestsCreatingTheSameAggregateIsARaceToo() {
        AtomicInteger attempts = new AtomicInteger();
        unitsOfWork.execute(unitOfWork -> {
            if (attempts.incrementAndGet() == 1) {
                throw new AggregateStreamCreationException("created at the same moment");
            }
            return null;
        });
        assertThat(transactions).containsExactly("rollback", "commit");
    }

    @Test
    void afterTheLastAttemptTheRaceIsThrown() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> unitsOfWork.execute(unitOfWork -> {
            attempts.incrementAndGet();
            throw new ConcurrencyException("always behind");
        })).isInstanceOf(ConcurrencyException.class);
        assertThat(attempts).hasValue(RetriedUnitOfWork.MAX_ATTEMPTS);
        assertThat(transactions).hasSize(RetriedUnitOfWork.MAX_ATTEMPTS).containsOnly("rollback");
    }

    /**
     * Two writes taking the same two aggregate locks in opposite orders, with Axon's own lock factory and the release
     * Axon's repository registers: one is told of the deadlock, rolls back (releasing its lock, so the other
     * commits) and is run again — both commit, neither is answered with an error.
     */
    @Test
    void aWriteCaughtInADeadlockIsRunAgainAfterTheOtherCommits() throws Exception {
        PessimisticLockFactory locks = PessimisticLockFactory.usingDefaults();
        CyclicBarrier bothHoldTheirFirstLock = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        Function<List<String>, Callable<String>> write = order -> () -> unitsOfWork.execute(unitOfWork -> {
            boolean first = attempts.incrementAndGet() <= 2;
            for (String id : order) {
                Lock lock = locks.obtainLock(id);
                unitOfWork.onCleanup(u -> lock.release());
                if (first && id.equals(order.get(0))) {
                    await(bothHoldTheirFirstLock);
                }
            }
            return String.join(",", order);
        });
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<String> one = threads.submit(write.apply(List.of("person-a", "person-b")));
            Future<String> other = threads.submit(write.apply(List.of("person-b", "person-a")));
            assertThat(one.get(30, TimeUnit.SECONDS)).isEqualTo("person-a,person-b");
            assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo("person-b,person-a");
        } finally {
            threads.shutdownNow();
        }
        assertThat(attempts).hasValue(3);
        assertThat(transactions).containsExactlyInAnyOrder("rollback", "commit", "commit");
    }

    @Test
    void aDeadlockAfterTheLastAttemptIsALostRace() {
        assertThatThrownBy(() -> unitsOfWork.execute(unitOfWork -> {
            throw new DeadlockException("always");
        })).isInstanceOf(ConcurrencyException.class).hasCauseInstanceOf(DeadlockException.class);
        assertThat(transactions).hasSize(RetriedUnitOfWork.MAX_ATTEMPTS).containsOnly("rollback");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRefusalIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> unitsOfWork.execute(unitOfWork -> {
            attempts.incrementAndGet();
            throw new DomainRuleViolation("invalid-value", "value", "no such value");
        })).isInstanceOf(DomainRuleViolation.class);
        assertThat(attempts).hasValue(1);
        assertThat(transactions).containsExactly("rollback");
    }
}
