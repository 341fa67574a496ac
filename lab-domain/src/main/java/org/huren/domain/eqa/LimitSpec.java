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
     * The grading limit; {@code sdForProficiency} is σ<sub>pt</sub> for {@link Kind#SD_MULTIPLE}.
     *
     * @throws IllegalArgumentException when the parts this kind needs are missing or negative
     */
    public EqaLimit toLimit(BigDecimal sdForProficiency) {
        if (kind == null) {
            throw new IllegalArgumentException("the limit needs its kind: PERCENT, ABSOLUTE, "
                    + "MAX_OF_ABSOLUTE_AND_PERCENT or SD_MULTIPLE");
        }
        return switch (kind) {
            case PERCENT -> EqaLimit.percent(required(percent, "percent"));
            case ABSOLUTE -> EqaLimit.absolute(required(absolute, "absolute"));
            case MAX_OF_ABSOLUTE_AND_PERCENT -> EqaLimit.maxOf(absolute, percent);
            case SD_MULTIPLE -> {
                if (sdForProficiency == null) {
                    throw new IllegalArgumentException("a k × SD limit needs the sample's SD for proficiency "
                            + "assessment");
                }
                yield EqaLimit.sdMultiple(required(k, "k"), sdForProficiency);
            }
        };
    }

    private BigDecimal required(BigDecimal value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("a " + kind + " limit needs " + name);
        }
        return value;
    }
}
