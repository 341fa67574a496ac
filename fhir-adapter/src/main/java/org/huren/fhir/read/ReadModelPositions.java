package org.huren.fhir.read;

import java.time.Duration;

/** Lets a read wait until the read models have caught up with a write's event position. */
public interface ReadModelPositions {

    /** @return true once every read model has processed {@code position}; false if {@code timeout} passed first. */
    boolean awaitPosition(long position, Duration timeout);
}
