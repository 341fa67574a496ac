package org.huren.api.alliance;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.huren.api.axon.JdbcEventStoreIndex;
import org.huren.domain.common.ConflictingStateException;
import org.huren.fhir.ingest.WrittenAggregates;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Sends several commands as one: one unit of work, one database transaction, all or nothing — e.g. closing
 * an assessment and accrediting the lab. Retried when another writer got to an aggregate first. The result
 * carries the event position the caller can hand to a reader.
 */
@Component
public class CommandTransactions {

    private static final int MAX_ATTEMPTS = 5;

    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final JdbcEventStoreIndex eventStore;

    public CommandTransactions(CommandGateway commands, TransactionManager transactions,
                               JdbcEventStoreIndex eventStore) {
        this.commands = commands;
        this.transactions = transactions;
        this.eventStore = eventStore;
    }

    /** The results of the commands, in order, and the newest event position of the aggregates they touched. */
    public record Outcome(List<Object> results, long position) {
    }

    public Outcome send(List<String> aggregateIds, Object... commandList) {
        return send(aggregateIds, List.of(commandList));
    }

    public Outcome send(List<String> aggregateIds, List<?> commandList) {
        return inOneTransaction(gateway -> {
            List<Object> results = new ArrayList<>();
            for (Object command : commandList) {
                results.add(gateway.sendAndWait(command));
            }
            return new Work(results, aggregateIds);
        });
    }

    /** What a unit of work did: the command results and the aggregates it touched. */
    public record Work(List<Object> results, List<String> aggregateIds) {
    }

    /**
     * Runs {@code work} — which may decide its later commands from earlier results — in one transaction,
     * retried as a whole when another writer got to an aggregate first.
     */
    public Outcome inOneTransaction(Function<CommandGateway, Work> work) {
        for (int attempt = 1; ; attempt++) {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                unitOfWork.attachTransaction(transactions);
                Set<String> caused = WrittenAggregates.of(unitOfWork);
                Work done = work.apply(commands);
                unitOfWork.commit();
                // what the commands caused in the transaction (the patient links of an enrolment) is part of it
                Set<String> written = new LinkedHashSet<>(done.aggregateIds());
                written.addAll(caused);
                return new Outcome(done.results(), eventStore.latestPosition(written));
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                // another writer got there first — also to an aggregate the commands caused, such as a person
                // both link a record to, which a retry then finds
                rollback(unitOfWork, e);
                if (attempt >= MAX_ATTEMPTS) {
                    throw e instanceof AggregateStreamCreationException
                            ? new ConflictingStateException("created-concurrently", null, "another request created "
                            + "the same record at the same moment; repeat the request to read it")
                            : new ConflictingStateException("concurrent-write", null,
                            "the record was changed concurrently by other requests; repeat the request");
                }
            } catch (RuntimeException e) {
                rollback(unitOfWork, e);
                throw e;
            }
        }
    }

    private static void rollback(UnitOfWork<?> unitOfWork, Throwable cause) {
        if (unitOfWork.isActive()) {
            unitOfWork.rollback(cause);
        }
    }
}
