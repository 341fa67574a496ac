package org.huren.domain.audit;

import java.time.LocalDate;

/** The corrective action was not verified by the end of its due date (flagged by the deadline manager). */
public record CorrectiveActionOverdue(String auditId, String allianceId, String labCode, String findingId,
                                      LocalDate dueDate) {
}
