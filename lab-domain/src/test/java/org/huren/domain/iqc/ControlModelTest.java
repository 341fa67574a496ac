package org.huren.domain.iqc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The IQC inputs refuse what no evaluation could use. */
class ControlModelTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.000", "-0.1"})
    void anSdMustBePositive(String sd) {
        assertThatThrownBy(() -> new ControlTarget("L1", BigDecimal.TEN, new BigDecimal(sd)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("> 0");
    }

    @Test
    void aRunHasResultsAtMostOnePerLevelAndKeepsThemImmutable() {
        assertThatThrownBy(() -> new ControlRun("R1", IqcFixtures.T0, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ControlRun("R1", IqcFixtures.T0, List.of(
                new ControlResult("L1", BigDecimal.ONE), new ControlResult("L1", BigDecimal.TEN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("L1");
        List<ControlResult> results = new ArrayList<>(List.of(new ControlResult("L1", BigDecimal.ONE)));
        ControlRun run = new ControlRun("R1", IqcFixtures.T0, results);
        results.add(new ControlResult("L2", BigDecimal.ONE));
        assertThat(run.results()).hasSize(1);
    }

    @Test
    void levelsAndIdsAreRequired() {
        assertThatThrownBy(() -> new ControlResult(" ", BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ControlTarget("", BigDecimal.ONE, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ControlRun("", IqcFixtures.T0, List.of(new ControlResult("L1", BigDecimal.ONE))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
