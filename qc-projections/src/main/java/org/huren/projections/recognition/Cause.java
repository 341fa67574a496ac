package org.huren.projections.recognition;

import org.axonframework.eventhandling.EventMessage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The event a decision is made for: its id and type (kept with the decision and each change) and when it was
 * recorded ({@code at}: a change of status dates from then).
 */
record Cause(String eventId, String type, Instant at) {

    static Cause of(EventMessage<?> message, Instant at) {
        return new Cause(message.getIdentifier(), message.getPayloadType().getSimpleName(), at);
    }

    /**
     * What is known when the event is decided: everything up to the end of the millisecond it was recorded in. The
     * store keeps event times to the millisecond, while times inside events (a grading, a run, an effective time)
     * keep their microseconds — a grade made a moment before its event was stored must not look later than it.
     */
    Instant knownBy() {
        return at.truncatedTo(ChronoUnit.MILLIS).plusNanos(999_999);
    }
}
