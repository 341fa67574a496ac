package org.huren.domain.recognition;

import org.huren.domain.alliance.MemberStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * A span of the performing lab's standing in the alliance: {@code [from, to)}, {@code to == null} when still open.
 *
 * @param eventId the event that began the span (enrolment, suspension, reinstatement, withdrawal)
 */
public record MembershipPeriod(MemberStatus status, Instant from, Instant to, String eventId) {

    public MembershipPeriod {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(from, "from");
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("membership period ends before it begins: " + from + " .. " + to);
        }
    }

    /** Whether {@code instant} falls in {@code [from, to)}. */
    public boolean covers(Instant instant) {
        return !instant.isBefore(from) && (to == null || instant.isBefore(to));
    }
}
