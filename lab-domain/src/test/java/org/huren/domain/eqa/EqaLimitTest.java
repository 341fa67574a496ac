package org.huren.domain.eqa;

import org.huren.domain.catalog.AllowableError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The four ways an EQA sample's limit (允许误差) is given. */
class EqaLimitTest {

    @ParameterizedTest(name = "±{0} % around {1} -> {2}")
    @CsvSource({
            // DOMAIN.md §3 chloride example at ±5 %
            "5, 110.3, 5.515",
            "5, 95.6,  4.78",
            "5, 125.4, 6.27",
            "5, 90.2,  4.51",
            "5, 135.0, 6.75",
            "5, -135.0, 6.75", // |X|
            "5, 0,     0",
            "4, 140,   5.6",
            "12.5, 3.3, 0.4125"})
    void percentOfTheAssignedValueIsExact(BigDecimal percent, BigDecimal assigned, BigDecimal expected) {
        assertThat(EqaLimit.percent(percent).allowedAround(assigned)).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "±{0} around {1} -> {0}")
    @CsvSource({"0.2, 3.0", "0.2, 0", "0.2, 1000", "0.5, -7"})
    void absoluteIgnoresTheAssignedValue(BigDecimal absolute, BigDecimal assigned) {
        assertThat(EqaLimit.absolute(absolute).allowedAround(assigned)).isEqualByComparingTo(absolute);
    }

    @ParameterizedTest(name = "max({0}, {1} % × |{2}|) -> {3}")
    @CsvSource(nullValues = "-", value = {
            // potassium 0.2 mmol/L or 6 %: breakpoint 0.2 / 0.06 = 3.333…
            "0.2, 6, 3.0,  0.2",
            "0.2, 6, 3.33, 0.2",    // 0.1998 < 0.2
            "0.2, 6, 3.34, 0.2004", // just above the breakpoint
            "0.2, 6, 5.0,  0.30",
            "0.2, 6, -5.0, 0.30",
            "-,   5, 135.0, 6.75",
            "0.5, -, 1000, 0.5"})
    void maxOfAbsoluteAndPercentGoesThroughAllowableError(BigDecimal abs, BigDecimal pct, BigDecimal assigned,
                                                          BigDecimal expected) {
        assertThat(EqaLimit.maxOf(abs, pct).allowedAround(assigned)).isEqualByComparingTo(expected);
        assertThat(EqaLimit.of(new AllowableError(abs, pct)).allowedAround(assigned))
                .isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "{0} × σ {1} -> {2}")
    @CsvSource({"2, 0.6, 1.2", "3, 0.6, 1.8", "2, 7.38, 14.76", "2.5, 0.9, 2.25"})
    void sdMultipleIsKTimesSigmaWhateverTheAssignedValue(BigDecimal k, BigDecimal sigma, BigDecimal expected) {
        EqaLimit limit = EqaLimit.sdMultiple(k, sigma);
        assertThat(limit.allowedAround(new BigDecimal("13.8"))).isEqualByComparingTo(expected);
        assertThat(limit.allowedAround(new BigDecimal("-1000"))).isEqualByComparingTo(expected);
    }

    @Test
    void rejectsNegativeOrMissingLimits() {
        assertThatThrownBy(() -> EqaLimit.percent(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqaLimit.absolute(new BigDecimal("-0.1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqaLimit.maxOf(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqaLimit.sdMultiple(BigDecimal.ZERO, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqaLimit.sdMultiple(BigDecimal.valueOf(2), BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EqaLimit.percent(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> EqaLimit.percent(BigDecimal.ONE).allowedAround(null))
                .isInstanceOf(NullPointerException.class);
    }
}
