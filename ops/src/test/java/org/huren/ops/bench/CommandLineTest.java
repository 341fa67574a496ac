package org.huren.ops.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    private static final Map<String, String[]> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("clients", new String[] {"4", "concurrent clients"});
        OPTIONS.put("base", new String[] {"http://localhost:8080", "the server"});
        OPTIONS.put("run-id", new String[] {"", "prefix of every identifier"});
        OPTIONS.put("replay", new String[] {"false", "replay afterwards"});
    }

    private static Map<String, String> parse(String... args) {
        return CommandLine.parse("test-cli.", OPTIONS, Set.of("replay"), args);
    }

    @Test
    void withoutArgumentsEveryOptionHasItsDefault() {
        assertThat(parse()).containsExactlyInAnyOrderEntriesOf(Map.of("clients", "4", "base", "http://localhost:8080",
                "run-id", "", "replay", "false"));
    }

    @Test
    void valuesComeSeparateOrAfterAnEqualsSignAndNamesIgnoreCase() {
        Map<String, String> values = parse("--clients", "8", "--BASE=http://db:8080", "", "--run-id", "r1");
        assertThat(values).containsEntry("clients", "8").containsEntry("base", "http://db:8080")
                .containsEntry("run-id", "r1");
    }

    @Test
    void aBareFlagIsTrueAndAFlagMayNameItsValue() {
        assertThat(parse("--replay")).containsEntry("replay", "true");
        assertThat(parse("--replay", "false", "--clients", "2")).containsEntry("replay", "false")
                .containsEntry("clients", "2");
        assertThat(parse("--replay", "--clients", "2")).containsEntry("replay", "true");
    }

    @Test
    void anArgumentWinsOverASystemPropertyWhichWinsOverTheDefault() {
        System.setProperty("test-cli.clients", "16");
        try {
            assertThat(parse()).containsEntry("clients", "16");
            assertThat(parse("--clients", "2")).containsEntry("clients", "2");
        } finally {
            System.clearProperty("test-cli.clients");
        }
    }

    @Test
    void unknownOptionsStrayArgumentsAndMissingValuesAreRefused() {
        assertThatThrownBy(() -> parse("--threads", "4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--threads");
        assertThatThrownBy(() -> parse("fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fast");
        assertThatThrownBy(() -> parse("--clients")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--clients");
    }

    @Test
    void helpIsAskedFor() {
        assertThatThrownBy(() -> parse("--help")).isInstanceOf(CommandLine.HelpRequested.class);
        assertThatThrownBy(() -> parse("-h")).isInstanceOf(CommandLine.HelpRequested.class);
    }

    @Test
    void theIqcBenchmarkReadsItsOptionsWithPicocli() {
        IqcBenchmark benchmark = new IqcBenchmark();
        new picocli.CommandLine(benchmark).parseArgs("--runs", "10", "--http", "--clients=2");
        assertThat(benchmark.runs).isEqualTo(10);
        assertThat(benchmark.http).isTrue();
        assertThat(benchmark.clients).isEqualTo(2);
        assertThat(benchmark.evaluations).isEqualTo(200_000);
        assertThat(benchmark.base).isEqualTo("http://localhost:8080");
    }
}
