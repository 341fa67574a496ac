package org.huren.domain.audit;

import java.time.LocalDate;

/**
 * The deadline manager's reminder that a finding's corrective action is due ({@code dueDate}, end of day CST), for
 * the {@code assignment}-th assignment of that action (a later one voids it).
 */
public record CorrectiveActionDue(String findingId, LocalDate dueDate, int assignment) {
}
