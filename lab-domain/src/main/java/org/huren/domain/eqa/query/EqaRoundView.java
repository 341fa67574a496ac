package org.huren.domain.eqa.query;

import org.huren.domain.common.Identifier;
import org.huren.domain.eqa.LimitSpec;
import org.huren.domain.eqa.RoundItem;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A round as QC managers review it. Until it is graded ({@code status} OPEN) its samples carry no assigned value,
 * limit, SD, uncertainty of the assigned value or intended category: those appear once it is GRADED.
 * {@code submissions}: results in force per lab; {@code refusals}: results refused and logged. An open flight
 * inspection shows no blind detail here — neutral sample codes, no accession number, no pseudo-patient, and
 * {@code submissions} and {@code refusals} null (what arrived would tell which specimens are blind);
 * {@code GET /api/eqa/flight-inspections/{id}} has it.
 */
public record EqaRoundView(String roundId, String allianceId, String kind, String provider, String title,
                           List<String> participants, Instant deadline, String ruleSet, String openedBy,
                           Instant openedAt, String status, Instant gradedAt, String gradedTrigger,
                           List<RoundItem> items, List<Sample> samples, Identifier pseudoPatient,
                           Map<String, Integer> submissions, Integer refusals) {

    /** A sample; the grading parts (assigned value, limit, σ<sub>pt</sub>, u(X), …) are null while the round is open. */
    public record Sample(String sampleCode, String itemCode, BigDecimal assigned, LimitSpec limit,
                         BigDecimal sdForProficiency, String intendedCategory, Identifier accession,
                         BigDecimal assignedUncertainty) {
    }
}
