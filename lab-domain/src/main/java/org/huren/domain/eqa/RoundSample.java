package org.huren.domain.eqa;

import org.huren.domain.common.Identifier;

import java.math.BigDecimal;

/**
 * One sample of a round for one item, with what grading needs: the assigned value (靶值) and limit, optionally
 * σ<sub>pt</sub> for z-scores, or the intended category of a qualitative item. A blind sample (盲样) also has the
 * accession number (specimen identifier) the lab receives it under. Assigned values are never shown to
 * participants before the round is graded.
 */
public record RoundSample(String sampleCode, String itemCode, BigDecimal assigned, LimitSpec limit,
                          BigDecimal sdForProficiency, String intendedCategory, Identifier accession) {

    /** The sample as grading sees it. */
    public EqaSample toEqaSample() {
        return new EqaSample(sampleCode, assigned, intendedCategory != null ? null : limit.toLimit(sdForProficiency),
                sdForProficiency, intendedCategory);
    }
}
