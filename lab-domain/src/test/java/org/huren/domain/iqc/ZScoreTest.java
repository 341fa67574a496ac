package org.huren.domain.iqc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** z = (value − mean) / SD in decimal; beyond k SD only when |z| &gt; k (DOMAIN.md §4). */
class ZScoreTest {

    @ParameterizedTest(name = "mean {0}, sd {1}, value {2} -> z {3}")
    @CsvSource({
            "100,  10,   120,      2",
            "100,  10,   120.001,  2.0001",
            "100,  10,   70,       -3",
            "5.00, 0.20, 5.40,     2",
            "5.00, 0.20, 4.39,     -3.05",
            "0.30, 0.01, 0.33,     3",         // double: 3.0000000000000027
            "0.3,  0.1,  0.6,      3",         // double: 2.9999999999999996
            "0.30, 0.01, 0.32,     2",         // double: 2.0000000000000018
            "4.1,  0.3,  4.2,      0.3333333333333333", // DECIMAL64, 16 significant digits
            "7,    3,    7,        0"})
    void zIsDecimal(BigDecimal mean, BigDecimal sd, BigDecimal value, BigDecimal z) {
        assertThat(ZScore.of(value, new ControlTarget("L1", mean, sd)).z()).isEqualByComparingTo(z);
    }

    @ParameterizedTest(name = "z {0}: above {1} SD {2}, below {3}, beyond {4}")
    @CsvSource({
            "2.000,   2, false, false, false",
            "2.0001,  2, true,  false, true",
            "1.9999,  2, false, false, false",
            "-2.000,  2, false, false, false",
            "-2.0001, 2, false, true,  true",
            "3.000,   3, false, false, false",
            "3.0001,  3, true,  false, true",
            "-3.0001, 3, false, true,  true",
            "1.000,   1, false, false, false",
            "-1.0001, 1, false, true,  true",
            "0,       0, false, false, false",
            "0.0001,  0, true,  false, true"})
    void aLimitIsViolatedOnlyWhenExceeded(String z, int k, boolean above, boolean below, boolean beyond) {
        ZScore score = ZScore.of(IqcFixtures.valueAtZ(z), IqcFixtures.TARGETS.get("L1"));
        assertThat(score.isAbove(k)).isEqualTo(above);
        assertThat(score.isBelow(k)).isEqualTo(below);
        assertThat(score.isBeyond(k)).isEqualTo(beyond);
    }

    @ParameterizedTest(name = "z {0} -> side {1}")
    @CsvSource({"0.0001, 1", "0.000, 0", "-0.0001, -1", "0, 0"})
    void theMeanIsOnNeitherSide(String z, int side) {
        assertThat(ZScore.of(IqcFixtures.valueAtZ(z), IqcFixtures.TARGETS.get("L1")).side()).isEqualTo(side);
    }
}
