package org.huren.domain.iqc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The sigma metric (σ 度量 / 西格玛值) of a lab × item: σ = (TEa % − |bias %|) / CV % (DOMAIN.md §4), with TEa the
 * allowable total error (允许总误差), bias (偏倚) from EQA as the mean % difference from assigned values, and CV
 * (变异系数) from IQC over a period. Feeds {@link RuleSet#suggestFor(BigDecimal)}.
 */
public final class SigmaMetric {

    /** The scale of the sigma metric (2 decimals, HALF_UP). */
    public static final int SCALE = 2;

    private SigmaMetric() {
    }

    /**
     * σ = (TEa % − |bias %|) / CV %, to 2 decimals, HALF_UP. Negative when |bias| exceeds TEa.
     *
     * @throws IllegalArgumentException when CV % is not &gt; 0 or TEa % is negative
     */
    public static BigDecimal sigma(BigDecimal teaPercent, BigDecimal biasPercent, BigDecimal cvPercent) {
        Objects.requireNonNull(teaPercent, "teaPercent");
        Objects.requireNonNull(biasPercent, "biasPercent");
        Objects.requireNonNull(cvPercent, "cvPercent");
        if (cvPercent.signum() <= 0) {
            throw new IllegalArgumentException("the CV must be > 0 for a sigma metric, was " + cvPercent);
        }
        if (teaPercent.signum() < 0) {
            throw new IllegalArgumentException("the allowable total error cannot be negative, was " + teaPercent);
        }
        return teaPercent.subtract(biasPercent.abs()).divide(cvPercent, SCALE, RoundingMode.HALF_UP);
    }
}
