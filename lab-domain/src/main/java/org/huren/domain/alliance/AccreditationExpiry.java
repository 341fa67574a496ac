package org.huren.domain.alliance;

import java.time.LocalDate;
import java.util.Set;

/** Deadline payload: the accreditation of these items, valid until that date, runs out now. */
public record AccreditationExpiry(String labCode, Set<String> itemCodes, LocalDate validUntil) {

    public static final String DEADLINE = "accreditation-expiry";
}
