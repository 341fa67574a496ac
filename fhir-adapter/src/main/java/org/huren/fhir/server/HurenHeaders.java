package org.huren.fhir.server;

/** HTTP headers of HuRen's FHIR API, documented in the README and the CapabilityStatement. */
public final class HurenHeaders {

    /** Names the submitting lab by its HuRen code, until authentication names it. */
    public static final String LAB = "X-HuRen-Lab";
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

    private HurenHeaders() {
    }
}
