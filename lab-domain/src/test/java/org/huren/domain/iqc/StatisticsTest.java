package org.huren.domain.iqc;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mean, sample SD (n − 1) and CV % for targets established from ≥20 runs (DOMAIN.md §4). */
class StatisticsTest {

    /** 20 values, mean 100, Σ(x − mean)² = 76, so the sample SD is √(76 / 19) = 2 exactly and the CV 2 %. */
    private static final List<BigDecimal> EXACT = values(
            "103 103 97 97 102 102 102 102 102 98 98 98 98 98 100 100 100 100 100 100");

    /** A glucose control (mmol/L) on 20 days; mean 5.10, SD 0.121395395733376798…, CV 2.38030187712503527… %. */
    private static final List<BigDecimal> GLUCOSE = values(
            "5.12 5.31 4.95 5.08 5.22 5.14 4.87 5.03 5.19 5.27 4.91 5.11 5.06 5.24 4.98 5.15 5.02 5.13 5.21 5.01");

    @Test
    void aDataSetWithAnExactSampleSd() {
        Statistics.MeanAndSd stats = Statistics.meanAndSd(EXACT);
        assertThat(stats.n()).isEqualTo(20);
        assertThat(stats.mean()).isEqualByComparingTo("100");
        assertThat(stats.sd()).isEqualByComparingTo("2");
        assertThat(stats.cvPercent()).isEqualByComparingTo("2");
    }

    @Test
    void aGlucoseControlOverTwentyDays() {
        Statistics.MeanAndSd stats = Statistics.meanAndSd(GLUCOSE);
        assertThat(stats.mean()).isEqualByComparingTo("5.10");
        assertThat(stats.sd()).isEqualByComparingTo("0.1213953957333768"); // 16 significant digits
        assertThat(stats.cvPercent().setScale(10, RoundingMode.HALF_UP)).isEqualByComparingTo("2.3803018771");
    }

    @Test
    void theOrderOfTheValuesDoesNotMatter() {
        List<BigDecimal> shuffled = new ArrayList<>(GLUCOSE);
        Collections.reverse(shuffled);
        assertThat(Statistics.meanAndSd(shuffled)).isEqualTo(Statistics.meanAndSd(GLUCOSE));
    }

    @Test
    void fewerThanTwentyResultsAreRefused() {
        assertThatThrownBy(() -> Statistics.meanAndSd(GLUCOSE.subList(0, 19)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 20")
                .hasMessageContaining("got 19");
        assertThatThrownBy(() -> Statistics.meanAndSd(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cvPercentUsesTheAbsoluteMean() {
        assertThat(Statistics.cvPercent(new BigDecimal("-50"), new BigDecimal("2"))).isEqualByComparingTo("4");
        assertThatThrownBy(() -> Statistics.cvPercent(BigDecimal.ZERO, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTargetIsEstablishedFromTwentyRunsOfTheLevel() {
        List<ControlRun> runs = new ArrayList<>();
        for (int i = 0; i < EXACT.size(); i++) {
            runs.add(new ControlRun("R" + i, IqcFixtures.T0.plus(Duration.ofDays(i)),
                    List.of(new ControlResult("L1", EXACT.get(i)), new ControlResult("L2", GLUCOSE.get(i)))));
        }
        ControlTarget l1 = Statistics.establishTarget("L1", runs);
        assertThat(l1.level()).isEqualTo("L1");
        assertThat(l1.mean()).isEqualByComparingTo("100");
        assertThat(l1.sd()).isEqualByComparingTo("2");
        assertThat(Statistics.establishTarget("L2", runs).sd()).isEqualByComparingTo("0.1213953957333768");

        assertThatThrownBy(() -> Statistics.establishTarget("L1", runs.subList(0, 19)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 20");
        assertThatThrownBy(() -> Statistics.establishTarget("L3", runs))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        List<ControlRun> repeated = new ArrayList<>(runs.subList(0, 19));
        repeated.add(runs.get(0));
        assertThatThrownBy(() -> Statistics.establishTarget("L1", repeated))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than once");
    }

    private static List<BigDecimal> values(String values) {
        return Arrays.stream(values.split(" ")).map(BigDecimal::new).toList();
    }
}
