package org.huren.domain.eqa;

/** The deadline manager's reminder that round {@code roundId}'s return deadline has come: grade it. */
public record EqaRoundDeadline(String roundId) {
}
