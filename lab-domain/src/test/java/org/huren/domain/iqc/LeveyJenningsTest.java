package org.huren.domain.iqc;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.huren.domain.iqc.IqcFixtures.TARGETS;
import static org.huren.domain.iqc.IqcFixtures.run;

/** Levey-Jennings chart data (L-J 质控图). */
class LeveyJenningsTest {

    @Test
    void everyValueWithItsZByRunTimeThenLevel() {
        List<ControlRun> runs = List.of(run(0, "0.5", "-1.2"), run(1, "2.1", "0"));
        List<LeveyJennings.ChartPoint> points = LeveyJennings.points(runs, TARGETS);

        assertThat(points).extracting(LeveyJennings.ChartPoint::runId, LeveyJennings.ChartPoint::runAt,
                        LeveyJennings.ChartPoint::level)
                .containsExactly(tuple("R1", IqcFixtures.T0, "L1"), tuple("R1", IqcFixtures.T0, "L2"),
                        tuple("R2", runs.get(1).runAt(), "L1"), tuple("R2", runs.get(1).runAt(), "L2"));
        assertThat(points).extracting(LeveyJennings.ChartPoint::value).usingComparatorForType(
                        BigDecimal::compareTo, BigDecimal.class)
                .containsExactly(new BigDecimal("105"), new BigDecimal("88"), new BigDecimal("121"),
                        new BigDecimal("100"));
        assertThat(points).extracting(LeveyJennings.ChartPoint::z).usingComparatorForType(
                        BigDecimal::compareTo, BigDecimal.class)
                .containsExactly(new BigDecimal("0.5"), new BigDecimal("-1.2"), new BigDecimal("2.1"),
                        BigDecimal.ZERO);
    }

    @Test
    void oneLevelIsOneLineOfTheChart() {
        List<ControlRun> runs = List.of(run(0, "0.5", "-1.2"), run(1, "2.1"), run(2, "0", "0.3"));
        assertThat(LeveyJennings.series("L2", runs, TARGETS)).extracting(LeveyJennings.ChartPoint::runId)
                .containsExactly("R1", "R3");
    }

    @Test
    void chartLinesAreMeanPlusKSd() {
        ControlTarget target = new ControlTarget("L1", new BigDecimal("5.10"), new BigDecimal("0.12"));
        assertThat(target.line(0)).isEqualByComparingTo("5.10");
        assertThat(target.line(2)).isEqualByComparingTo("5.34");
        assertThat(target.line(-3)).isEqualByComparingTo("4.74");
    }
}
