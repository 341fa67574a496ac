package org.huren.domain.alliance;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** A lab is accredited (项目准入) for items, valid from a date until the end of another. */
public record LabAccredited(String allianceId, String labCode, Set<String> itemCodes, LocalDate validFrom,
                            LocalDate validUntil, String assessmentId, List<String> assessors) {

    public LabAccredited {
        itemCodes = Set.copyOf(itemCodes);
        assessors = assessors == null ? List.of() : List.copyOf(assessors);
    }
}
