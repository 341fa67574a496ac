package org.huren.domain.eqa;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/**
 * A participant's result for one sample and item: {@code code} is the catalog item code or one of its LOINC codes;
 * {@code value} (with {@code unit}, the item's unit when null) for a quantitative item, {@code category} for a
 * qualitative one; {@code uncertainty}, optionally, its standard uncertainty u(x) (k = 1, in the value's unit) for
 * ζ. {@code channel} says how it came (API, FHIR, or LIS for a blind sample in the ordinary feed);
 * {@code sourceResultId} the stored Observation it came from, if any.
 */
public record SubmitEqaResult(@TargetAggregateIdentifier String roundId, String labCode, String sampleCode,
                              String code, BigDecimal value, String unit, String category, String submittedBy,
                              EqaChannel channel, String sourceResultId, BigDecimal uncertainty) {

    /** A result without a stated uncertainty. */
    public SubmitEqaResult(String roundId, String labCode, String sampleCode, String code, BigDecimal value,
                           String unit, String category, String submittedBy, EqaChannel channel,
                           String sourceResultId) {
        this(roundId, labCode, sampleCode, code, value, unit, category, submittedBy, channel, sourceResultId, null);
    }
}
