package org.huren.fhir.ingest;

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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetriedUnitOfWorkTest {

    /** What happened to each transaction, in order. */
    private final List<String> transactions = new ArrayList<>();
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
