package org.huren.domain.iqc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * The z-score (Z 分数 / 标准差指数) of a control value against its level's target: z = (value − mean) / SD
 * (DOMAIN.md §4: work in z per level before any cross-level rule).
 * <p>
 * Everything is decimal. {@link #z()} is the quotient rounded to {@link MathContext#DECIMAL64} (16 significant
 * digits), so (0.33 − 0.30) / 0.01 is exactly 3, where {@code double} gives 3.0000000000000027. The limit tests
 * ({@link #isAbove}, {@link #isBelow}, {@link #isBeyond}) do not use that rounded quotient at all: they compare
 * the exact deviation with the exact k × SD, so no rounding can move a value across a limit.
 * <p>
 * A value violates a k-SD limit only when it exceeds it (超出): |z| &gt; k. A value exactly on ±2 SD is not beyond
 * 2 SD.
 */
public final class ZScore {

    private final BigDecimal deviation;
    private final BigDecimal sd;
    private final BigDecimal z;

    private ZScore(BigDecimal deviation, BigDecimal sd) {
        this.deviation = deviation;
        this.sd = sd;
        this.z = deviation.divide(sd, MathContext.DECIMAL64);
    }

    /** The z-score of {@code value} against {@code target}. */
    public static ZScore of(BigDecimal value, ControlTarget target) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(target, "target");
        return new ZScore(value.subtract(target.mean()), target.sd());
    }

    /** z = (value − mean) / SD, to 16 significant digits ({@link MathContext#DECIMAL64}). */
    public BigDecimal z() {
        return z;
    }

    /** value − mean, exact. */
    public BigDecimal deviation() {
        return deviation;
    }

    /** Beyond +k SD: z &gt; k (exact). */
    public boolean isAbove(int k) {
        return deviation.compareTo(limit(k)) > 0;
    }

    /** Beyond −k SD: z &lt; −k (exact). */
    public boolean isBelow(int k) {
        return deviation.compareTo(limit(k).negate()) < 0;
    }

    /** Beyond ±k SD: |z| &gt; k (exact); exactly on the limit is not beyond it. */
    public boolean isBeyond(int k) {
        return isAbove(k) || isBelow(k);
    }

    /** Beyond k SD on the given side of the mean ({@code side} &gt; 0: above +k SD, &lt; 0: below −k SD). */
    boolean isBeyond(int k, int side) {
        return side > 0 ? isAbove(k) : isBelow(k);
    }

    /** The side of the mean: 1 above, −1 below, 0 exactly on the mean (on neither side). */
    public int side() {
        return deviation.signum();
    }

    private BigDecimal limit(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("a control limit is a non-negative number of SDs, was " + k);
        }
        return sd.multiply(BigDecimal.valueOf(k));
    }

    @Override
    public String toString() {
        return "z=" + z.toPlainString();
    }
}
