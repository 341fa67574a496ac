package org.huren.domain.query;

import java.time.Instant;

/** A closed range of instants; either end may be open (null). */
public record InstantRange(Instant from, Instant to) {
}
