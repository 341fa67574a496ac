package org.huren.domain.audit;

import java.time.LocalDate;

/** A corrective action was assigned; it becomes overdue at the end of its due date unless verified by then. */
public record CorrectiveActionAssigned(String auditId, String allianceId, String labCode, String findingId,
                                       String owner, LocalDate dueDate, String assignedBy) {
}
