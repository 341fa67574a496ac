package org.huren.domain.eqa;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The grade of one EQA sample (样本评价).
 *
 * @param sampleCode the sample
 * @param acceptable whether the result is acceptable (可接受)
 * @param difference x − X (signed; 偏差) for a quantitative result graded on time, else null
 * @param allowed    the allowed error (允许误差) around X for a quantitative sample, else null; set even when the
 *                   result is missing or late, so a report can show the acceptable range
 * @param z          (x − X)/σ<sub>pt</sub> to 16 significant digits ({@link EqaGrading#SCORES}), when
 *                   σ<sub>pt</sub> is given and a result was graded; else null (grades recorded before issue 11 carry
 *                   it at scale 4)
 * @param zCategory  the z interpretation ({@link ZCategory#of}, decided on exact values), or null with z
 * @param zPrime     z′ = (x − X)/√(σ<sub>pt</sub>² + u(X)²) ({@link EqaGrading#zPrimeScore}) when σ<sub>pt</sub> and
 *                   u(X) are given and a result was graded; else null
 * @param zPrimeCategory its class ({@link ZCategory#ofVariance}, exact), or null with z′
 * @param zeta       ζ = (x − X)/√(u(x)² + u(X)²) ({@link EqaGrading#zetaScore}) when the participant stated u(x) and
 *                   the sample has u(X); else null
 * @param zetaCategory its class ({@link ZCategory#ofVariance}, exact), or null with ζ
 * @param reason     one of the reason codes below
 */
public record SampleGrade(String sampleCode, boolean acceptable, BigDecimal difference, BigDecimal allowed,
                          BigDecimal z, ZCategory zCategory, BigDecimal zPrime, ZCategory zPrimeCategory,
                          BigDecimal zeta, ZCategory zetaCategory, String reason) {

    /** Quantitative: |x − X| ≤ allowed. */
    public static final String WITHIN_LIMIT = "WITHIN_LIMIT";
    /** Quantitative: |x − X| &gt; allowed. */
    public static final String OUTSIDE_LIMIT = "OUTSIDE_LIMIT";
    /** Qualitative: equal to the intended category. */
    public static final String CATEGORY_MATCH = "CATEGORY_MATCH";
    /** Qualitative: a different category. */
    public static final String CATEGORY_MISMATCH = "CATEGORY_MISMATCH";
    /** No result for the sample (no submission, or one without a value/category of the sample's kind). */
    public static final String NO_RESULT = "NO_RESULT";
    /** The result reached the provider after the deadline (逾期回报); it is not graded. */
    public static final String LATE = "LATE";

    public SampleGrade {
        Objects.requireNonNull(sampleCode, "sampleCode");
        Objects.requireNonNull(reason, "reason");
        if ((z == null) != (zCategory == null) || (zPrime == null) != (zPrimeCategory == null)
                || (zeta == null) != (zetaCategory == null)) {
            throw new IllegalArgumentException("a score and its category come together");
        }
    }

    /** A grade with z at most (no z′, no ζ). */
    public SampleGrade(String sampleCode, boolean acceptable, BigDecimal difference, BigDecimal allowed,
                       BigDecimal z, ZCategory zCategory, String reason) {
        this(sampleCode, acceptable, difference, allowed, z, zCategory, null, null, null, null, reason);
    }
}
