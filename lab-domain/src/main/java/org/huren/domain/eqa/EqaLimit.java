package org.huren.domain.eqa;

import org.huren.domain.catalog.AllowableError;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How the limit (允许误差, 可接受范围) of one quantitative EQA sample (室间质评样本) is given. The limit is the
 * half-width of the acceptable range around the assigned value X (靶值): a result x is acceptable when
 * {@code |x − X| ≤ allowedAround(X)} (inclusive; DOMAIN.md §3).
 *
 * <ul>
 *   <li>{@link Percent} — ± p % of |X| (e.g. chloride ±5 %);</li>
 *   <li>{@link Absolute} — ± a fixed amount in the unit of X (e.g. ±0.2 mmol/L);</li>
 *   <li>{@link AbsoluteOrPercent} — the WS/T 403-2024 form, {@code max(abs, pct × |X|)} (允许总误差), computed by
 *       {@link AllowableError};</li>
 *   <li>{@link SdMultiple} — ± k × σ<sub>pt</sub>, k times the standard deviation for proficiency assessment
 *       (能力评定标准差, ISO 13528). With k = 2 the acceptable range is exactly the range where the z-score is
 *       {@link ZCategory#SATISFACTORY satisfactory} (|z| ≤ 2).</li>
 * </ul>
 *
 * All arithmetic is {@link BigDecimal}; no variant rounds except {@link AbsoluteOrPercent}, which inherits
 * {@link AllowableError}'s 12-decimal quotient.
 */
public sealed interface EqaLimit
        permits EqaLimit.Percent, EqaLimit.Absolute, EqaLimit.AbsoluteOrPercent, EqaLimit.SdMultiple {

    /** The allowed error (允许误差) around {@code assigned}, in the unit of the assigned value; never negative. */
    BigDecimal allowedAround(BigDecimal assigned);

    /** ± {@code percent} % of |assigned|. */
    static Percent percent(BigDecimal percent) {
        return new Percent(percent);
    }

    /** ± {@code absolute} in the unit of the assigned value. */
    static Absolute absolute(BigDecimal absolute) {
        return new Absolute(absolute);
    }

    /** {@code max(absolute, percent × |assigned|)}; either part may be null (but not both). */
    static AbsoluteOrPercent maxOf(BigDecimal absolute, BigDecimal percent) {
        return new AbsoluteOrPercent(new AllowableError(absolute, percent));
    }

    /** The catalog item's allowable total error (允许总误差) used as the EQA limit. */
    static AbsoluteOrPercent of(AllowableError allowableError) {
        return new AbsoluteOrPercent(allowableError);
    }

    /** ± {@code k} × {@code sigma}, σ being the SD for proficiency assessment (能力评定标准差). */
    static SdMultiple sdMultiple(BigDecimal k, BigDecimal sigma) {
        return new SdMultiple(k, sigma);
    }

    /** ± p % of |X|: allowed = p × |X| ÷ 100, exact (a decimal shift, no rounding). */
    record Percent(BigDecimal percent) implements EqaLimit {
        public Percent {
            Objects.requireNonNull(percent, "percent");
            if (percent.signum() < 0) {
                throw new IllegalArgumentException("a percent limit cannot be negative: " + percent);
            }
        }

        @Override
        public BigDecimal allowedAround(BigDecimal assigned) {
            Objects.requireNonNull(assigned, "assigned");
            return percent.multiply(assigned.abs()).movePointLeft(2);
        }
    }

    /** ± a fixed amount, whatever the assigned value. */
    record Absolute(BigDecimal absolute) implements EqaLimit {
        public Absolute {
            Objects.requireNonNull(absolute, "absolute");
            if (absolute.signum() < 0) {
                throw new IllegalArgumentException("an absolute limit cannot be negative: " + absolute);
            }
        }

        @Override
        public BigDecimal allowedAround(BigDecimal assigned) {
            Objects.requireNonNull(assigned, "assigned");
            return absolute;
        }
    }

    /**
     * {@code max(abs, pct × |X|)} — absolute below the breakpoint abs ÷ pct, percent above it (WS/T 403-2024,
     * DOMAIN.md §2), delegated to {@link AllowableError#allowedAround(BigDecimal)}.
     */
    record AbsoluteOrPercent(AllowableError allowableError) implements EqaLimit {
        public AbsoluteOrPercent {
            Objects.requireNonNull(allowableError, "allowableError");
        }

        @Override
        public BigDecimal allowedAround(BigDecimal assigned) {
            Objects.requireNonNull(assigned, "assigned");
            return allowableError.allowedAround(assigned);
        }
    }

    /**
     * ± k × σ<sub>pt</sub> (ISO 13528 style). The allowed error does not depend on the assigned value; the product is
     * exact.
     */
    record SdMultiple(BigDecimal k, BigDecimal sigma) implements EqaLimit {
        public SdMultiple {
            Objects.requireNonNull(k, "k");
            Objects.requireNonNull(sigma, "sigma");
            if (k.signum() <= 0) {
                throw new IllegalArgumentException("k must be positive: " + k);
            }
            if (sigma.signum() <= 0) {
                throw new IllegalArgumentException("the SD for proficiency assessment must be positive: " + sigma);
            }
        }

        @Override
        public BigDecimal allowedAround(BigDecimal assigned) {
            Objects.requireNonNull(assigned, "assigned");
            return k.multiply(sigma);
        }
    }
}
