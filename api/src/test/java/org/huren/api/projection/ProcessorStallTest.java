package org.huren.api.projection;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A processor is stalled when it is behind the head and has not moved for the stall time — not before. */
class ProcessorStallTest {

    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    static final Duration AFTER = Duration.ofSeconds(60);

    @Test
    void behindAndNotMovingForTheStallTimeIsStalled() {
        EventProcessorsHealthIndicator.Progress progress = new EventProcessorsHealthIndicator.Progress(100, T0);
        Instant later = T0.plusSeconds(59);
        assertThat(progress.seen(100, later).stalled(150, later, AFTER)).isFalse();
        Instant stallTime = T0.plusSeconds(60);
        assertThat(progress.seen(100, stallTime).stalled(150, stallTime, AFTER)).isTrue();
    }

    @Test
    void movingOrCaughtUpIsNotStalled() {
        EventProcessorsHealthIndicator.Progress progress = new EventProcessorsHealthIndicator.Progress(100, T0);
        Instant much = T0.plusSeconds(600);
        assertThat(progress.seen(101, much).stalled(150, much, AFTER)).as("it moved").isFalse();
        assertThat(progress.seen(100, much).stalled(100, much, AFTER)).as("nothing to do").isFalse();
    }
}
