package org.huren.domain.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** allowed error = max(abs, pct × |target|) (WS/T 403-2024; DOMAIN.md §2). */
class AllowableErrorTest {

    @ParameterizedTest(name = "abs {0}, pct {1}, target {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            // potassium: abs 0.2 mmol/L, 6 %; breakpoint abs / pct = 0.2 / 0.06 = 3.333…
            "0.2,  6,  3.0,          0.2",    // 0.18 < 0.2
            "0.2,  6,  5.0,          0.30",
            "0.2,  6,  3.33,         0.2",    // 0.1998, just below the breakpoint
            "0.2,  6,  3.3333333333, 0.2",    // 0.199999999998
            "0.2,  6,  3.3333333334, 0.200000000004",
            "0.2,  6,  3.34,         0.2004", // just above
            "0.2,  6,  0,            0.2",
            "0.2,  6,  -3.0,         0.2",    // negative targets use |target|
            "0.2,  6,  -5.0,         0.30",
            // glucose: abs 0.21 mmol/L, 7 %; breakpoint 3.0
            "0.21, 7,  3.0,          0.21",
            "0.21, 7,  10.0,         0.70",
            // percent only (sodium 4 %, chloride 4 %, WBC 15 %)
            "-,    4,  140,          5.6",
            "-,    4,  -140,         5.6",
            "-,    4,  0,            0",
            "-,    15, 7.2,          1.08",
            // DOMAIN.md §3: chloride at ±5 %, assigned 135.0 → ±6.75 (128.25–141.75)
            "-,    5,  135.0,        6.75",
            "-,    5,  110.3,        5.515",
            // absolute only
            "0.5,  -,  0,            0.5",
            "0.5,  -,  1000,         0.5",
            "0.5,  -,  -1000,        0.5"})
    void allowedErrorIsTheLargerOfAbsoluteAndPercentOfTarget(BigDecimal abs, BigDecimal pct, BigDecimal target,
                                                             BigDecimal expected) {
        assertThat(new AllowableError(abs, pct).allowedAround(target)).isEqualByComparingTo(expected);
    }

    @Test
    void chlorideWorkedExampleFromDomainSection3() {
        AllowableError chloride = new AllowableError(null, new BigDecimal("5"));
        String[][] assignedAndResult = {{"110.3", "115.3"}, {"95.6", "99.2"}, {"125.4", "131.2"}, {"90.2", "94.1"},
                {"135.0", "142.3"}};
        long acceptable = java.util.Arrays.stream(assignedAndResult).filter(p -> {
            BigDecimal assigned = new BigDecimal(p[0]);
            return new BigDecimal(p[1]).subtract(assigned).abs().compareTo(chloride.allowedAround(assigned)) <= 0;
        }).count();
        assertThat(acceptable).isEqualTo(4); // only 142.3 is outside 128.25–141.75
    }

    @Test
    void needsSomeNonNegativeLimit() {
        assertThatThrownBy(() -> new AllowableError(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AllowableError(new BigDecimal("-0.1"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AllowableError(null, new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
