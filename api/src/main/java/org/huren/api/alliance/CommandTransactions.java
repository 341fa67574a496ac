package org.huren.api.alliance;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.huren.api.axon.JdbcEventStoreIndex;
import org.huren.domain.common.ConflictingStateException;
import org.huren.fhir.ingest.RetriedUnitOfWork;
import org.huren.fhir.ingest.WrittenAggregates;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The /api's writes: commands sent as one ({@link RetriedUnitOfWork}: one unit of work, one database transaction,
 * all or nothing, retried when another writer got to an aggregate first). The result carries the event position the
 * caller can hand to a reader, and which aggregates the write appended to.
 */
@Component
public class CommandTransactions {

    private final CommandGateway commands;
    private final RetriedUnitOfWork unitsOfWork;
    private final JdbcEventStoreIndex eventStore;

    public CommandTransactions(CommandGateway commands, RetriedUnitOfWork unitsOfWork,
                               JdbcEventStoreIndex eventStore) {
        this.commands = commands;
        this.unitsOfWork = unitsOfWork;
        this.eventStore = eventStore;
    }

    /**
     * The results of the commands, in order, the newest event position of the aggregates they touched, and the
     * aggregates that got new events (none when every command found its work done already).
     */
    public record Outcome(List<Object> results, long position, Set<String> written) {

        /** Whether the write appended any event: false for a repeated, idempotent request. */
        public boolean changed() {
            return !written.isEmpty();
        }
    }

    public Outcome send(List<String> aggregateIds, Object... commandList) {
        return send(aggregateIds, List.of(commandList));
    }

    /**
     * {@link #send} to an aggregate that must exist already: when the store holds no such aggregate of the type
     * the command goes to, its repository refuses and {@code unknown} (a 404, say) is thrown instead.
     */
    public Outcome sendToExisting(String aggregateId, Supplier<? extends RuntimeException> unknown,
                                  Object command) {
        try {
            return send(List.of(aggregateId), command);
        } catch (AggregateNotFoundException e) {
            if (aggregateId.equals(e.getAggregateIdentifier())) {
                throw unknown.get();
            }
            throw e;
        }
    }

    public Outcome send(List<String> aggregateIds, List<?> commandList) {
        return inOneTransaction(aggregateIds, () -> {
            List<Object> results = new ArrayList<>();
            for (Object command : commandList) {
                results.add(commands.sendAndWait(command));
            }
            return results;
        });
    }

    /**
     * Runs {@code work} — which sends its commands through the gateway and answers their results — as one write,
     * retried as a whole; a race lost on every attempt is a conflict (409) the client may repeat.
     */
    public Outcome inOneTransaction(List<String> aggregateIds, Supplier<List<Object>> work) {
        Done done;
        try {
            done = unitsOfWork.execute(unitOfWork -> {
                // filled as the unit of work appends; read once it has committed
                Set<String> appended = WrittenAggregates.of(unitOfWork);
                return new Done(work.get(), appended);
            });
        } catch (AggregateStreamCreationException e) {
            throw new ConflictingStateException("created-concurrently", null, "another request created the same "
                    + "record at the same moment; repeat the request to read it");
        } catch (ConcurrencyException e) {
            throw new ConflictingStateException("concurrent-write", null,
                    "the record was changed concurrently by other requests; repeat the request");
        }
        // what the commands caused in the transaction (the patient links of an enrolment) is part of the write
        Set<String> touched = new LinkedHashSet<>(aggregateIds);
        touched.addAll(done.written());
        return new Outcome(Collections.unmodifiableList(done.results()), eventStore.latestPosition(touched),
                Set.copyOf(done.written()));
    }

    private record Done(List<Object> results, Set<String> written) {
    }
}
