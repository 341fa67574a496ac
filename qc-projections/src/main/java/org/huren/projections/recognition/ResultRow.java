package org.huren.projections.recognition;

import org.huren.domain.labresult.ResultStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A lab result as recognition keeps it ({@code rec_result}): what its decision rests on.
 *
 * @param codes       its LOINC codes, in the order the lab sent them
 * @param effectiveAt when it was measured, or when it was recorded when the lab sent no time
 * @param eventId     the event that reported it as it is now
 * @param blind       whether it is a blind sample's (盲样): decided like any other, counted only for its lab
 */
record ResultRow(String resultId, String labId, List<String> codes, String unit, BigDecimal value, ResultStatus status,
                 Instant effectiveAt, String eventId, String patientId, boolean blind) {

    ResultRow {
        codes = List.copyOf(codes);
    }
}
