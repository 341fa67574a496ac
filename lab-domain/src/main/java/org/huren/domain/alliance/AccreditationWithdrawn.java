package org.huren.domain.alliance;

import java.time.Instant;

/** A lab's accreditation for an item was withdrawn, effective at {@code effectiveAt}. */
public record AccreditationWithdrawn(String allianceId, String labCode, String itemCode, String reason,
                                     Instant effectiveAt) {
}
