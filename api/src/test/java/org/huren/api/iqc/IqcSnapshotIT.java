package org.huren.api.iqc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.huren.api.axon.AxonConfig;
import org.huren.api.axon.SnapshotProperties;
import org.huren.api.support.AllianceSteps;
import org.huren.api.support.ApiClient;
import org.huren.api.support.HurenIntegrationTest;
import org.huren.domain.iqc.IqcSeries;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long IQC history is loaded from a snapshot (issue 15): once loading a series read more events than the threshold,
 * a snapshot row is stored in the event store; loading then reads it and the events after it, not the whole history,
 * and the state it gives is the state the whole history gives.
 */
@HurenIntegrationTest
class IqcSnapshotIT {

    private static final ObjectMapper AXON = new AxonConfig().defaultAxonObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    SnapshotProperties snapshots;

    @Test
    void aSeriesWithALongHistoryIsLoadedFromItsSnapshot() throws Exception {
        ApiClient qc = new ApiClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alliance = "iqs-" + suffix;
        String lab = "IS-" + suffix;
        new AllianceSteps(qc).form(alliance, "室内质控快照", "CITY_GROUP", "TIGHT").enrol(alliance, lab, "SECONDARY")
                .seedCatalog(alliance);
        String iqc = "/api/iqc/" + lab + "/K";
        assertThat(qc.put(iqc + "/levels/L1/lots/K-L1-2611", Map.of("material", "Lyphochek L1",
                "expiry", "2027-06-30", "mean", "4.00", "sd", "0.10")).status()).isEqualTo(200);
        assertThat(qc.put(iqc + "/levels/L2/lots/K-L2-2611", Map.of("material", "Lyphochek L2",
                "expiry", "2027-06-30", "mean", "6.00", "sd", "0.20")).status()).isEqualTo(200);

        // each run is two events (recorded, evaluated): past the threshold more than once
        int runs = snapshots.iqcSeriesThreshold() + 10;
        Instant first = Instant.parse("2026-01-01T00:30:00Z");
        String lastStatus = null;
        for (int i = 0; i < runs; i++) {
            boolean up = i % 2 == 0;
            ApiClient.Answer answer = IqcIT.run(qc, iqc, "R" + i, first.plus(Duration.ofHours(12L * i)),
                    up ? "4.05" : "3.95", up ? "5.90" : "6.10");
            assertThat(answer.status()).isEqualTo(200);
            lastStatus = answer.body().path("status").asText();
        }
        assertThat(lastStatus).isEqualTo("ACCEPTED");

        String series = IqcSeries.idOf(lab, "K");
        Long stored = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, series);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Long.class, series) > 0);

        // what loading the series reads: the newest snapshot, then the events after it
        List<? extends DomainEventMessage<?>> loaded = eventStore.readEvents(series).asStream().toList();
        assertThat(loaded.get(0).getPayload()).isInstanceOf(IqcSeries.class);
        assertThat(loaded).hasSizeLessThanOrEqualTo(snapshots.iqcSeriesThreshold() + 1);
        assertThat((long) loaded.size()).isLessThan(stored);

        List<? extends DomainEventMessage<?>> history = eventStore.readEvents(series, 0).asStream().toList();
        assertThat(history).hasSize(stored.intValue());
        assertThat(state(fromSnapshot(loaded))).isEqualTo(state(replayed(history)));
    }

    private static final AggregateModel<IqcSeries> MODEL =
            AnnotatedAggregateMetaModelFactory.inspectAggregate(IqcSeries.class);

    /** The snapshot's aggregate with the events after it applied, as the repository loads it. */
    private static IqcSeries fromSnapshot(List<? extends DomainEventMessage<?>> loaded) {
        IqcSeries series = (IqcSeries) loaded.get(0).getPayload();
        loaded.stream().skip(1).forEach(event -> MODEL.publish(event, series));
        return series;
    }

    /** The aggregate built from its first event on. */
    private static IqcSeries replayed(List<? extends DomainEventMessage<?>> history) throws Exception {
        Constructor<IqcSeries> constructor = IqcSeries.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        IqcSeries series = constructor.newInstance();
        history.forEach(event -> MODEL.publish(event, series));
        return series;
    }

    /** The aggregate's state as its snapshot holds it (objects compare without regard to key order). */
    private static JsonNode state(IqcSeries series) throws Exception {
        return AXON.readTree(AXON.writeValueAsString(series));
    }
}
