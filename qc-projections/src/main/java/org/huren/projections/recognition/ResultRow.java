package org.huren.projections.recognition;

import org.huren.domain.labresult.ResultStatus;
import org.huren.domain.recognition.LocalCodeFacts;

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
 * @param local       the lab's own code when the result carries no LOINC code, with the version of the lab's code map
 *                    that covers it ({@code codes} then holds that version's LOINC code, or nothing: unmapped);
 *                    null for a result coded with LOINC (ADR 0017)
 */
record ResultRow(String resultId, String labId, List<String> codes, String unit, BigDecimal value, ResultStatus status,
                 Instant effectiveAt, String eventId, String patientId, boolean blind, LocalCodeFacts local) {

    ResultRow {
        codes = List.copyOf(codes);
    }

    /** A result coded with LOINC. */
    ResultRow(String resultId, String labId, List<String> codes, String unit, BigDecimal value, ResultStatus status,
              Instant effectiveAt, String eventId, String patientId, boolean blind) {
        this(resultId, labId, codes, unit, value, status, effectiveAt, eventId, patientId, blind, null);
    }

    /** The same result, as a blind sample's or not. */
    ResultRow blind(boolean isBlind) {
        return new ResultRow(resultId, labId, codes, unit, value, status, effectiveAt, eventId, patientId, isBlind,
                local);
    }
}
