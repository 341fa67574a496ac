package org.huren.domain.eqa;

import org.huren.domain.catalog.AllowableError;

import java.math.BigDecimal;

/**
 * How a sample's limit (允许误差) was given, as stored in events: ± percent of the assigned value, ± an absolute
 * amount, the larger of both (WS/T 403 style), or ± k × the SD for proficiency assessment (ISO 13528 style).
 * {@link #toLimit} turns it into the {@link EqaLimit} grading uses.
 */
public record LimitSpec(Kind kind, BigDecimal percent, BigDecimal absolute, BigDecimal k) {

    public enum Kind {
        PERCENT, ABSOLUTE, MAX_OF_ABSOLUTE_AND_PERCENT, SD_MULTIPLE
    }

    public static LimitSpec percent(BigDecimal percent) {
        return new LimitSpec(Kind.PERCENT, percent, null, null);
    }

    public static LimitSpec absolute(BigDecimal absolute) {
        return new LimitSpec(Kind.ABSOLUTE, null, absolute, null);
    }

    public static LimitSpec maxOf(BigDecimal absolute, BigDecimal percent) {
        return new LimitSpec(Kind.MAX_OF_ABSOLUTE_AND_PERCENT, percent, absolute, null);
    }

    public static LimitSpec sdMultiple(BigDecimal k) {
        return new LimitSpec(Kind.SD_MULTIPLE, null, null, k);
    }

    /** The catalog item's allowable total error (允许总误差) as a limit. */
    public static LimitSpec of(AllowableError allowableError) {
        return maxOf(allowableError.absolute(), allowableError.percent());
    }

    /**
     * A limit that cannot grade, naming its offending part: {@code kind}, {@code percent}, {@code absolute},
     * {@code k}, or {@code sdForProficiency} (the sample's σ<sub>pt</sub>, which a k × SD limit needs); null when
     * the limit as a whole is wrong (a max-of limit with neither part).
     */
    public static final class InvalidLimit extends IllegalArgumentException {

        private final String part;

        InvalidLimit(String part, String message) {
            super(message);
            this.part = part;
        }

        public String part() {
            return part;
        }
    }

    /**
     * The grading limit; {@code sdForProficiency} is σ<sub>pt</sub> for {@link Kind#SD_MULTIPLE}.
     *
     * @throws InvalidLimit when the parts this kind needs are missing, negative (k, σ: not positive)
     */
    public EqaLimit toLimit(BigDecimal sdForProficiency) {
        if (kind == null) {
            throw new InvalidLimit("kind", "the limit needs its kind: PERCENT, ABSOLUTE, "
                    + "MAX_OF_ABSOLUTE_AND_PERCENT or SD_MULTIPLE");
        }
        return switch (kind) {
            case PERCENT -> EqaLimit.percent(notNegative(required(percent, "percent"), "percent"));
            case ABSOLUTE -> EqaLimit.absolute(notNegative(required(absolute, "absolute"), "absolute"));
            case MAX_OF_ABSOLUTE_AND_PERCENT -> {
                if (absolute == null && percent == null) {
                    throw new InvalidLimit(null, "a " + kind + " limit needs an absolute part, a percent part or "
                            + "both");
                }
                yield EqaLimit.maxOf(absolute == null ? null : notNegative(absolute, "absolute"),
                        percent == null ? null : notNegative(percent, "percent"));
            }
            case SD_MULTIPLE -> {
                if (sdForProficiency == null || sdForProficiency.signum() <= 0) {
                    throw new InvalidLimit("sdForProficiency", "a k × SD limit needs the sample's SD for "
                            + "proficiency assessment, positive" + (sdForProficiency == null ? ""
                            : ": " + sdForProficiency));
                }
                BigDecimal factor = required(k, "k");
                if (factor.signum() <= 0) {
                    throw new InvalidLimit("k", "k must be positive: " + factor);
                }
                yield EqaLimit.sdMultiple(factor, sdForProficiency);
            }
        };
    }

    private BigDecimal required(BigDecimal value, String name) {
        if (value == null) {
            throw new InvalidLimit(name, "a " + kind + " limit needs " + name);
        }
        return value;
    }

    private static BigDecimal notNegative(BigDecimal value, String name) {
        if (value.signum() < 0) {
            throw new InvalidLimit(name, "a limit's " + name + " cannot be negative: " + value);
        }
        return value;
    }
}
