package org.huren.domain.iqc.query;

import java.math.BigDecimal;
import java.util.List;

/**
 * σ = (TEa % − |bias %|) ÷ CV % per level, with its inputs: CV from the IQC values of the period as recognition
 * judges it ({@link org.huren.domain.iqc.ControlCv}: rejected runs left out, from 10 values; {@code n} and
 * {@code mean} count the same values), with the CV of every value beside it ({@code cvAllRunsPercent}, not used);
 * bias from EQA ({@code biasSource} EQA: the mean % difference of the lab's graded EQA results from their assigned
 * values in the alliance, over the period) or, without graded EQA, from the control targets (IQC_TARGETS: the
 * level's mean against its lot's target mean); TEa % from the alliance's catalog; the lowest level's σ and the
 * Westgard rule set suggested for it.
 */
public record SigmaView(String labCode, String itemCode, BigDecimal teaPercent, String biasSource,
                        List<Level> levels, BigDecimal sigma, String suggestedRules) {

    public record Level(String level, String lot, int n, BigDecimal mean, BigDecimal targetMean,
                        BigDecimal cvPercent, BigDecimal cvAllRunsPercent, BigDecimal biasPercent, BigDecimal sigma) {
    }
}
