package org.huren.ops.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FaultOptionsTest {

    @Test
    void scenarioNamesComeFirstAndRunInTheSuitesOrder() {
        FaultOptions options = FaultOptions.parse("hostile", "kill-server", "--kills", "1", "--db-faults=stop");

        assertThat(options.scenarios).containsExactly("kill-server", "hostile");
        assertThat(options.kills).isEqualTo(1);
        assertThat(options.dbFaults).containsExactly("stop");
    }

    @Test
    void noScenarioOrAllMeansEveryOneWithTheFullSuitesDefaults() {
        FaultOptions options = FaultOptions.parse();

        assertThat(options.scenarios).containsExactlyElementsOf(FaultOptions.SCENARIOS);
        assertThat(options.dbFaults).containsExactly("fast", "immediate", "stop");
        assertThat(options.nodeSettings).containsExactly(0, 1);
        assertThat(options.dbStop).isEqualTo(Duration.ofSeconds(30));
        assertThat(FaultOptions.parse("all").scenarios).isEqualTo(options.scenarios);
    }

    @Test
    void unknownScenariosAndFaultsAreRefused() {
        assertThatThrownBy(() -> FaultOptions.parse("kill-db")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kill-db");
        assertThatThrownBy(() -> FaultOptions.parse("--db-faults", "smart"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("smart");
        assertThatThrownBy(() -> FaultOptions.parse("--node-settings", "-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
