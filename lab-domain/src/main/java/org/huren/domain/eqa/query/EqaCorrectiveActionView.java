package org.huren.domain.eqa.query;

import java.time.Instant;

/** A verified EQA corrective action of a lab for an item: what was done, who verified it, when. */
public record EqaCorrectiveActionView(String actionId, String allianceId, String labCode, String itemCode,
                                      String description, String verifiedBy, Instant verifiedAt) {
}
