package org.huren.domain.audit;

import java.time.LocalDate;

/** The deadline manager's reminder that a finding's corrective action is due ({@code dueDate}, end of day CST). */
public record CorrectiveActionDue(String findingId, LocalDate dueDate) {
}
