package org.huren.domain.eqa;

import org.huren.domain.common.Identifier;

import java.math.BigDecimal;

/**
 * One sample of a round for one item, with what grading needs: the assigned value (靶值) and limit, optionally
 * σ<sub>pt</sub> for z-scores and the standard uncertainty u(X) of the assigned value for z′ and ζ, or the intended
 * category of a qualitative item. A blind sample (盲样) also has the accession number (specimen identifier) the lab
 * receives it under. Assigned values are never shown to participants before the round is graded.
 * {@code assignedUncertainty} is null in rounds opened before issue 11 (no z′, no ζ).
 */
public record RoundSample(String sampleCode, String itemCode, BigDecimal assigned, LimitSpec limit,
                          BigDecimal sdForProficiency, String intendedCategory, Identifier accession,
                          BigDecimal assignedUncertainty) {

    /** A sample without an uncertainty of its assigned value. */
    public RoundSample(String sampleCode, String itemCode, BigDecimal assigned, LimitSpec limit,
                       BigDecimal sdForProficiency, String intendedCategory, Identifier accession) {
        this(sampleCode, itemCode, assigned, limit, sdForProficiency, intendedCategory, accession, null);
    }

    /** The sample as grading sees it. */
    public EqaSample toEqaSample() {
        return new EqaSample(sampleCode, assigned, intendedCategory != null ? null : limit.toLimit(sdForProficiency),
                sdForProficiency, intendedCategory, assignedUncertainty);
    }
}
