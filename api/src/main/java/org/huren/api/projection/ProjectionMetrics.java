package org.huren.api.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.huren.api.axon.JdbcEventStoreIndex;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gauges axon-micrometer does not give: per processor, its position and its lag behind the event store head
 * in events ({@code huren.projection.lag}); and the head itself.
 */
@Component
public class ProjectionMetrics {

    private final ProcessorPositions positions;
    private final JdbcEventStoreIndex eventStore;
    private final MeterRegistry meters;

    public ProjectionMetrics(ProcessorPositions positions, JdbcEventStoreIndex eventStore, MeterRegistry meters) {
        this.positions = positions;
        this.eventStore = eventStore;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void register() {
        Gauge.builder("huren.eventstore.head", eventStore, JdbcEventStoreIndex::headPosition)
                .description("global index of the newest event in the event store").register(meters);
        positions.processors().forEach((name, processor) -> {
            Gauge.builder("huren.projection.position", () -> positions.position(name, processor))
                    .tag("processor", name).description("lowest event position all segments have processed")
                    .register(meters);
            Gauge.builder("huren.projection.deadletters", () -> eventStore.deadLetters(name))
                    .tag("processor", name).description("events parked in the dead-letter queue")
                    .register(meters);
            Gauge.builder("huren.projection.lag",
                            () -> Math.max(0, eventStore.headPosition() - positions.position(name, processor)))
                    .tag("processor", name).description("events the processor is behind the event store head")
                    .register(meters);
        });
    }
}
