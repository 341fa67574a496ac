package org.huren.domain.recognition;

import org.huren.domain.labresult.ResultStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The lab result (检验结果) whose recognition is decided, as recorded by the moment of the decision.
 *
 * @param value       the quantity; {@code null} for a qualitative result
 * @param ucumUnit    the reported UCUM unit; {@code null} or blank for a qualitative result
 * @param effectiveAt when the specimen was measured (the result's clinically relevant time)
 * @param blindSample whether it is a blind sample (盲样, flight inspection): never recognized
 * @param localCode   the lab's own code when the result carried no LOINC code (then {@code loinc} is the one its
 *                    mapping gives, or null when unmapped); null for a result the lab coded with LOINC
 */
public record ResultFacts(String resultId, String eventId, String labId, String loinc, String ucumUnit,
                          BigDecimal value, ResultStatus status, Instant effectiveAt, boolean blindSample,
                          LocalCodeFacts localCode) {

    public ResultFacts {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(effectiveAt, "effectiveAt");
    }

    /** A result the lab coded with LOINC. */
    public ResultFacts(String resultId, String eventId, String labId, String loinc, String ucumUnit, BigDecimal value,
                       ResultStatus status, Instant effectiveAt, boolean blindSample) {
        this(resultId, eventId, labId, loinc, ucumUnit, value, status, effectiveAt, blindSample, null);
    }
}
