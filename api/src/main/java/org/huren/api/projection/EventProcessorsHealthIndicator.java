package org.huren.api.projection;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.huren.api.axon.JdbcEventStoreIndex;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Health of the event processors. DOWN when one is stopped, a segment is in error, or it is <em>stalled</em>: behind
 * the event store head without moving for {@code huren.health.stall-after} (60 s) — a batch failing over and over
 * looks just like that, and readers would wait on it in vain. {@link #DEGRADED} when events were dead-lettered (the
 * processor goes on, but some results are not in its read model).
 */
@Component("eventProcessors")
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    /** Working, but not everything was applied: some events are parked in the dead-letter queue. */
    public static final Status DEGRADED = new Status("DEGRADED", "events dead-lettered");

    private final ProcessorPositions positions;
    private final JdbcEventStoreIndex eventStore;
    private final Duration stallAfter;
    private final Clock clock;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();

    /** Where a processor was when last seen to move. */
    record Progress(long position, Instant since) {

        /** The progress after seeing the processor at {@code now}: it moved, or it did not. */
        Progress seen(long now, Instant at) {
            return now != position ? new Progress(now, at) : this;
        }

        /** Behind the head, and not moved for {@code after}. */
        boolean stalled(long head, Instant at, Duration after) {
            return position < head && Duration.between(since, at).compareTo(after) >= 0;
        }
    }

    public EventProcessorsHealthIndicator(ProcessorPositions positions, JdbcEventStoreIndex eventStore,
                                          @Value("${huren.health.stall-after:60s}") Duration stallAfter) {
        this.positions = positions;
        this.eventStore = eventStore;
        this.stallAfter = stallAfter;
        this.clock = Clock.systemUTC();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Status status = Status.UP;
        long head = eventStore.headPosition();
        Instant now = clock.instant();
        for (Map.Entry<String, StreamingEventProcessor> entry : positions.processors().entrySet()) {
            String name = entry.getKey();
            StreamingEventProcessor processor = entry.getValue();
            boolean error = processor.isError()
                    || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
            long position = positions.position(name, processor);
            Progress seen = progress.compute(name, (k, before) -> before == null ? new Progress(position, now)
                    : before.seen(position, now));
            boolean stalled = seen.stalled(head, now, stallAfter);
            long deadLetters = eventStore.deadLetters(name);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("running", processor.isRunning());
            detail.put("error", error);
            detail.put("claimedSegments", processor.processingStatus().size());
            detail.put("lag", Math.max(0, head - position));
            detail.put("stalled", stalled);
            if (stalled) {
                detail.put("stalledSince", seen.since().toString());
            }
            detail.put("deadLetters", deadLetters);
            builder.withDetail(name, detail);
            if (!processor.isRunning() || error || stalled) {
                status = Status.DOWN;
            } else if (deadLetters > 0 && status.equals(Status.UP)) {
                status = DEGRADED;
            }
        }
        builder.status(status);
    }
}
