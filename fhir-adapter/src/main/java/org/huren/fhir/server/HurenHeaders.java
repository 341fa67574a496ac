package org.huren.fhir.server;

/** HTTP headers of HuRen's FHIR API, documented in the README and the CapabilityStatement. */
public final class HurenHeaders {

    /**
     * On a write's answer: the event-store position of the last event the write produced (or touched), the events
     * it caused in the same transaction (patient links) included.
     */
    public static final String EVENT_POSITION = "X-HuRen-Event-Position";
    /**
     * On a request: wait until the read models it reads have processed this position before answering (a write:
     * before checking them).
     */
    public static final String AWAIT_POSITION = "X-HuRen-Await-Position";
    /** With {@link #AWAIT_POSITION}: how long to wait at most, in milliseconds (default 10 s, max 60 s). */
    public static final String AWAIT_MILLIS = "X-HuRen-Await-Millis";
    /** Waited up to {@link #AWAIT_MILLIS} when not sent. */
    public static final long DEFAULT_AWAIT_MILLIS = 10_000;
    /** The longest wait {@link #AWAIT_MILLIS} may ask for. */
    public static final long MAX_AWAIT_MILLIS = 60_000;
    /**
     * Request attribute: the {@link System#nanoTime()} by which the request's wait ends, set when the wait began
     * before the request reached its endpoint (without holding a thread); the endpoint then waits only for what is
     * left of it.
     */
    public static final String AWAIT_DEADLINE_ATTRIBUTE = "org.huren.await.deadline";

    /**
     * How long a request may still wait: what {@link #AWAIT_DEADLINE_ATTRIBUTE} leaves when it is set, else the
     * {@link #AWAIT_MILLIS} asked for (bounded).
     *
     * @throws NumberFormatException when the header is not a whole number
     */
    public static long remainingAwaitMillis(Object deadlineAttribute, String awaitMillisHeader) {
        if (deadlineAttribute instanceof Long deadline) {
            return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
        }
        return awaitMillisHeader == null ? DEFAULT_AWAIT_MILLIS
                : Math.min(MAX_AWAIT_MILLIS, Math.max(0, Long.parseLong(awaitMillisHeader.trim())));
    }

    private HurenHeaders() {
    }
}
