package org.huren.api.projection;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.Map;

/** Health of the event processors: DOWN when one is stopped or a segment is in error. */
@Component("eventProcessors")
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final ProcessorPositions positions;

    public EventProcessorsHealthIndicator(ProcessorPositions positions) {
        this.positions = positions;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        for (Map.Entry<String, StreamingEventProcessor> entry : positions.processors().entrySet()) {
            StreamingEventProcessor processor = entry.getValue();
            boolean error = processor.isError()
                    || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
            builder.withDetail(entry.getKey(), Map.of("running", processor.isRunning(), "error", error,
                    "claimedSegments", processor.processingStatus().size()));
            if (!processor.isRunning() || error) {
                builder.down();
            }
        }
    }
}
