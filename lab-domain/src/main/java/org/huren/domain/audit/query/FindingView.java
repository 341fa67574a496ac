package org.huren.domain.audit.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A finding and where its corrective action stands; {@code eventId} is the event that recorded it. */
public record FindingView(String auditId, String findingId, String labCode, String dimension, String severity,
                          String description, List<String> affectedItems, Instant recordedAt, String state,
                          String owner, LocalDate dueDate, boolean overdue, Instant verifiedAt, String eventId) {
}
