package org.huren.fhir.read;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Lets a request wait until the read models it reads have caught up with a write, or with the event store. */
public interface ReadModelPositions {

    /**
     * @return true once each of {@code readModels} has processed the event at {@code position} (at once for a
     * negative position or no read model); false if {@code timeout} passed first
     */
    boolean awaitPosition(long position, Set<ReadModel> readModels, Duration timeout);

    /**
     * Waiting without a thread: the answer completes once each of {@code readModels} has processed the event at
     * {@code position} (at once for a negative position or no read model). Whoever stops waiting first cancels it,
     * so that it is forgotten.
     */
    CompletableFuture<Void> whenProcessed(long position, Set<ReadModel> readModels);

    /**
     * @return true once each of {@code readModels} has processed every event committed before this call — what a
     * write checks before refusing on the strength of a read model; false if {@code timeout} passed first
     */
    boolean awaitCommitted(Set<ReadModel> readModels, Duration timeout);
}
