package org.huren.domain.eqa;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * ISO 13528-style interpretation of a z-score z = (x − X)/σ<sub>pt</sub> (DOMAIN.md §3):
 * |z| ≤ 2 satisfactory (满意), 2 &lt; |z| &lt; 3 questionable (可疑/有问题), |z| ≥ 3 unsatisfactory (不满意).
 * z′ and ζ ({@link EqaGrading#zPrimeScore}, {@link EqaGrading#zetaScore}) are classed with the same limits.
 */
public enum ZCategory {
    SATISFACTORY, QUESTIONABLE, UNSATISFACTORY;

    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal THREE = BigDecimal.valueOf(3);

    /**
     * Classifies without dividing: |x − X| ≤ 2σ → satisfactory, |x − X| ≥ 3σ → unsatisfactory, else questionable.
     * This is exact, so the category never depends on how the reported z was rounded (a z that is 2.0000033 and
     * reported as 2.0000 is still questionable).
     *
     * @param difference x − X
     * @param sigma      σ<sub>pt</sub>, positive
     */
    public static ZCategory of(BigDecimal difference, BigDecimal sigma) {
        Objects.requireNonNull(difference, "difference");
        Objects.requireNonNull(sigma, "sigma");
        if (sigma.signum() <= 0) {
            throw new IllegalArgumentException("the SD for proficiency assessment must be positive: " + sigma);
        }
        BigDecimal magnitude = difference.abs();
        if (magnitude.compareTo(TWO.multiply(sigma)) <= 0) {
            return SATISFACTORY;
        }
        if (magnitude.compareTo(THREE.multiply(sigma)) >= 0) {
            return UNSATISFACTORY;
        }
        return QUESTIONABLE;
    }

    /**
     * Classifies a score d / √V without the square root: |d| ≤ 2√V ⇔ d² ≤ 4V, |d| ≥ 3√V ⇔ d² ≥ 9V. Exact, like
     * {@link #of}, for z′ (V = σ<sub>pt</sub>² + u(X)²) and ζ (V = u(x)² + u(X)²).
     *
     * @param difference x − X
     * @param variance   the combined variance V, positive
     */
    public static ZCategory ofVariance(BigDecimal difference, BigDecimal variance) {
        Objects.requireNonNull(difference, "difference");
        Objects.requireNonNull(variance, "variance");
        if (variance.signum() <= 0) {
            throw new IllegalArgumentException("the combined uncertainty must be positive: variance " + variance);
        }
        BigDecimal squared = difference.multiply(difference);
        if (squared.compareTo(BigDecimal.valueOf(4).multiply(variance)) <= 0) {
            return SATISFACTORY;
        }
        if (squared.compareTo(BigDecimal.valueOf(9).multiply(variance)) >= 0) {
            return UNSATISFACTORY;
        }
        return QUESTIONABLE;
    }

    /** Classifies an exact z value (|z| ≤ 2, 2 &lt; |z| &lt; 3, |z| ≥ 3). */
    public static ZCategory ofZ(BigDecimal z) {
        return of(z, BigDecimal.ONE);
    }
}
