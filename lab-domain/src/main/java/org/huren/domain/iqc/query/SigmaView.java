package org.huren.domain.iqc.query;

import java.math.BigDecimal;
import java.util.List;

/**
 * σ = (TEa % − |bias %|) ÷ CV % per level, with its inputs: CV from the IQC values of the period, bias from the
 * control targets (mean of the values against the lot's target mean — until EQA bias is used), TEa % from the
 * catalog; the lowest level's σ and the Westgard rule set suggested for it.
 */
public record SigmaView(String labCode, String itemCode, BigDecimal teaPercent, List<Level> levels,
                        BigDecimal sigma, String suggestedRules) {

    public record Level(String level, String lot, int n, BigDecimal mean, BigDecimal targetMean,
                        BigDecimal cvPercent, BigDecimal biasPercent, BigDecimal sigma) {
    }
}
