package org.huren.domain.eqa;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitSpecTest {

    @Test
    void eachKindBecomesItsGradingLimit() {
        BigDecimal x = new BigDecimal("4.00");
        assertThat(LimitSpec.percent(BigDecimal.valueOf(5)).toLimit(null).allowedAround(x))
                .isEqualByComparingTo("0.20");
        assertThat(LimitSpec.absolute(new BigDecimal("0.3")).toLimit(null).allowedAround(x))
                .isEqualByComparingTo("0.3");
        // max(0.2, 6 % × 4.00 = 0.24)
        assertThat(LimitSpec.maxOf(new BigDecimal("0.2"), BigDecimal.valueOf(6)).toLimit(null).allowedAround(x))
                .isEqualByComparingTo("0.24");
        assertThat(LimitSpec.sdMultiple(BigDecimal.valueOf(2)).toLimit(new BigDecimal("0.9")).allowedAround(x))
                .isEqualByComparingTo("1.8");
    }

    @Test
    void aLimitMissingItsPartsIsRefused() {
        assertThatThrownBy(() -> new LimitSpec(LimitSpec.Kind.PERCENT, null, null, null).toLimit(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percent");
        assertThatThrownBy(() -> LimitSpec.sdMultiple(BigDecimal.ONE).toLimit(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SD");
        assertThatThrownBy(() -> new LimitSpec(null, null, null, null).toLimit(null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1} {2} {3}, σ {4} -> {5}")
    @org.junit.jupiter.params.provider.CsvSource(nullValues = "-", value = {
            "-,                           5,  -,   -, -,   kind",
            "PERCENT,                     -,  -,   -, -,   percent",
            "PERCENT,                     -5, -,   -, -,   percent",
            "ABSOLUTE,                    -,  -,   -, -,   absolute",
            "ABSOLUTE,                    -,  -1,  -, -,   absolute",
            "MAX_OF_ABSOLUTE_AND_PERCENT, -,  -,   -, -,   -",
            "MAX_OF_ABSOLUTE_AND_PERCENT, 6,  -0.2, -, -,  absolute",
            "SD_MULTIPLE,                 -,  -,   2, -,   sdForProficiency",
            "SD_MULTIPLE,                 -,  -,   2, 0,   sdForProficiency",
            "SD_MULTIPLE,                 -,  -,   -, 0.5, k",
            "SD_MULTIPLE,                 -,  -,   0, 0.5, k"})
    void aRefusedLimitNamesItsOffendingPart(LimitSpec.Kind kind, BigDecimal percent, BigDecimal absolute, BigDecimal k,
                                            BigDecimal sd, String part) {
        assertThatThrownBy(() -> new LimitSpec(kind, percent, absolute, k).toLimit(sd))
                .isInstanceOfSatisfying(LimitSpec.InvalidLimit.class, e -> assertThat(e.part()).isEqualTo(part));
    }
}
