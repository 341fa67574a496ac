package org.huren.fhir.read;

import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads a write checks against a read model (is the lab a member? is the item in the catalog?), never refused on a
 * stale read: an answer that would let the request through is used as it is, and one that would refuse it is asked
 * again once the read model has processed every event committed before — so a lab enrolled or an item published a
 * moment ago is known. The wait is bounded; past it the request is answered 503 (retry), never a wrong refusal.
 */
public final class ConfirmedReads {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final ReadModelPositions positions;

    public ConfirmedReads(ReadModelPositions positions) {
        this.positions = positions;
    }

    /**
     * @param readModel the read model {@code read} asks
     * @param accepts   whether an answer lets the request through (one that does not is confirmed first)
     */
    public <T> T read(ReadModel readModel, Supplier<T> read, Predicate<? super T> accepts) {
        T answer = read.get();
        if (accepts.test(answer)) {
            return answer;
        }
        if (!positions.awaitCommitted(EnumSet.of(readModel), WAIT)) {
            throw ReadModelBehindException.unconfirmed(readModel, WAIT.toMillis());
        }
        return read.get();
    }
}
