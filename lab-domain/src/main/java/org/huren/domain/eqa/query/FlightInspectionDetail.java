package org.huren.domain.eqa.query;

import org.huren.domain.common.Identifier;
import org.huren.domain.eqa.LimitSpec;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A flight inspection (飞行检查) as the QC managers who registered it follow it: the lab, the pseudo-patient, every
 * blind sample (盲样) with its accession number, assigned value and limit and whether (and how) its result arrived
 * through the lab's LIS, the results HuRen could not place, and the grades once graded. The general EQA round reads
 * show none of this before grading.
 */
public record FlightInspectionDetail(String roundId, String allianceId, String labCode, String title,
                                     Identifier pseudoPatient, Instant deadline, String status, Instant gradedAt,
                                     List<BlindSample> samples, List<EqaRoundResults.Refusal> refusals,
                                     List<EqaRoundResults.Grade> grades) {

    /** A blind sample and its result, if one arrived. */
    public record BlindSample(String sampleCode, String itemCode, Identifier accession, BigDecimal assigned,
                              LimitSpec limit, boolean received, BigDecimal value, String category,
                              Instant submittedAt, String channel, int versions) {
    }
}
