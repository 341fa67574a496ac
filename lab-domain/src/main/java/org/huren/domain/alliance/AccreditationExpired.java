package org.huren.domain.alliance;

import java.time.Instant;
import java.time.LocalDate;

/** A lab's accreditation for an item ran out at the end of its last valid day. */
public record AccreditationExpired(String allianceId, String labCode, String itemCode, LocalDate validUntil,
                                   Instant expiredAt) {
}
