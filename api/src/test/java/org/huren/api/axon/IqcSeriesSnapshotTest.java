package org.huren.api.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.huren.domain.iqc.ControlResult;
import org.huren.domain.iqc.ControlRunEvaluated;
import org.huren.domain.iqc.IqcSeries;
import org.huren.domain.iqc.RecordControlRun;
import org.huren.domain.iqc.RegisterControlLot;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An IQC series survives its snapshot: the event store's Jackson mapper writes every field of the aggregate (it has
 * no getters) and reads them back to the same state, which decides the next run as the full history does.
 */
class IqcSeriesSnapshotTest {

    private static final ObjectMapper AXON = new AxonConfig().defaultAxonObjectMapper();
    private static final String LAB = "IQ-SNAP";
    private static final String SERIES = IqcSeries.idOf(LAB, "K");
    private static final Instant DAY_ONE = Instant.parse("2026-01-01T00:30:00Z");

    /** Two lots with targets, then {@code runs} in-control runs alternating around the means. */
    private static List<Object> history(int runs) {
        List<Object> commands = new ArrayList<>();
        commands.add(new RegisterControlLot(SERIES, LAB, "K", "L1", "Lyphochek L1", "K-L1", LocalDate.of(2027, 6, 30),
                new BigDecimal("4.00"), new BigDecimal("0.10"), "赵敏"));
        commands.add(new RegisterControlLot(SERIES, LAB, "K", "L2", "Lyphochek L2", "K-L2", LocalDate.of(2027, 6, 30),
                new BigDecimal("6.00"), new BigDecimal("0.20"), "赵敏"));
        for (int i = 0; i < runs; i++) {
            boolean up = i % 2 == 0;
            commands.add(run("R" + i, i, up ? "4.05" : "3.95", up ? "6.10" : "5.90"));
        }
        return commands;
    }

    private static RecordControlRun run(String runId, int day, String l1, String l2) {
        return new RecordControlRun(SERIES, LAB, "K", runId, DAY_ONE.plusSeconds(86_400L * day),
                List.of(new ControlResult("L1", new BigDecimal(l1)), new ControlResult("L2", new BigDecimal(l2))),
                Map.of(), "API");
    }

    private static JsonNode json(IqcSeries series) throws Exception {
        return AXON.readTree(AXON.writeValueAsString(series));
    }

    @Test
    void theSnapshotHoldsEveryFieldAndReadsBackToTheSameState() {
        FixtureConfiguration<IqcSeries> fixture = new AggregateTestFixture<>(IqcSeries.class);
        fixture.givenCommands(history(30)).when(run("R30", 30, "4.05", "6.10")).expectState(series -> {
            try {
                JsonNode written = json(series);
                assertThat(written.path("seriesId").asText()).isEqualTo(SERIES);
                assertThat(written.path("runs")).hasSize(31);
                assertThat(written.path("evaluations")).hasSize(31);
                assertThat(written.path("lots").path("L2").path("K-L2").path("mean").decimalValue())
                        .isEqualByComparingTo("6.00");
                IqcSeries read = AXON.treeToValue(written, IqcSeries.class);
                assertThat(json(read)).isEqualTo(written);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aSeriesReadFromItsSnapshotDecidesTheNextRunAsItsFullHistoryDoes() {
        // runs above the mean before the snapshot and one after it: the across-run rules need the history before it
        List<Object> history = history(20);
        for (int i = 20; i < 29; i++) {
            history.add(run("U" + i, i, "4.05", "6.10"));
        }
        RecordControlRun tenth = run("U29", 29, "4.05", "6.10");
        AtomicReference<IqcSeries> snapshot = new AtomicReference<>();
        FixtureConfiguration<IqcSeries> full = new AggregateTestFixture<>(IqcSeries.class);
        full.givenCommands(history).when(run("probe", 28, "4.00", "6.00")).expectState(series -> {
            try {
                snapshot.set(AXON.treeToValue(json(series), IqcSeries.class));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        List<Object> withProbe = new ArrayList<>(history);
        withProbe.add(run("probe", 28, "4.00", "6.00"));
        AtomicReference<Object> decidedByHistory = new AtomicReference<>();
        new AggregateTestFixture<>(IqcSeries.class).givenCommands(withProbe).when(tenth).expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(new org.hamcrest.CustomTypeSafeMatcher<ControlRunEvaluated>("any") {
                    @Override
                    protected boolean matchesSafely(ControlRunEvaluated item) {
                        decidedByHistory.set(item);
                        return true;
                    }
                });
        FixtureConfiguration<IqcSeries> fromSnapshot = new AggregateTestFixture<>(IqcSeries.class);
        fromSnapshot.givenState(snapshot::get).when(tenth).expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(decidedByHistory.get());
        assertThat(((ControlRunEvaluated) decidedByHistory.get()).runId()).isEqualTo("U29");
    }
}
