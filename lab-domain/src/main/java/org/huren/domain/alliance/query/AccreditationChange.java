package org.huren.domain.alliance.query;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One change of a lab's accreditation for an item: ACCREDITED, WITHDRAWN or EXPIRED, when it took effect,
 * when it was recorded, why, and the event (id and type) that recorded it.
 */
public record AccreditationChange(String itemCode, String change, Instant effectiveAt, Instant recordedAt,
                                  LocalDate validUntil, String assessmentId, String reason, String eventId,
                                  String eventType) {
}
