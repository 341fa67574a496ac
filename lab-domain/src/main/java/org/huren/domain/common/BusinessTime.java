package org.huren.domain.common;

import java.time.Instant;

/**
 * When something happened in the lab (specimen collected, result issued), as opposed to when HuRen
 * recorded it (the event's timestamp). {@code end} equals {@code start} for a point in time.
 */
public record BusinessTime(Instant start, Instant end) {

    public static BusinessTime at(Instant instant) {
        return new BusinessTime(instant, instant);
    }
}
