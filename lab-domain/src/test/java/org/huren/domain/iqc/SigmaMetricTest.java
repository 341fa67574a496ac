package org.huren.domain.iqc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** σ = (TEa % − |bias %|) / CV %, 2 decimals HALF_UP (DOMAIN.md §4). */
class SigmaMetricTest {

    @ParameterizedTest(name = "TEa {0} %, bias {1} %, CV {2} % -> σ {3}")
    @CsvSource({
            "10,  2,    2,    4.00",   // the worked example
            "10,  -2,   2,    4.00",   // |bias|
            "6,   0,    1,    6.00",
            "10,  2,    3,    2.67",   // 2.666…
            "1,   0,    8,    0.13",   // 0.125 rounds HALF_UP
            "7,   0.5,  1.3,  5.00",
            "4,   6,    2,    -1.00",  // bias beyond TEa
            "5,   0,    0.01, 500.00"})
    void sigma(BigDecimal tea, BigDecimal bias, BigDecimal cv, String expected) {
        BigDecimal sigma = SigmaMetric.sigma(tea, bias, cv);
        assertThat(sigma).isEqualByComparingTo(expected);
        assertThat(sigma.scale()).isEqualTo(2);
        assertThat(sigma.toPlainString()).isEqualTo(expected);
    }

    @Test
    void theCvMustBePositive() {
        assertThatThrownBy(() -> SigmaMetric.sigma(BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CV");
        assertThatThrownBy(() -> SigmaMetric.sigma(BigDecimal.TEN, BigDecimal.ONE, new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
