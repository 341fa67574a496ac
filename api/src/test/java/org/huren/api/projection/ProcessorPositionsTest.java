package org.huren.api.projection;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorPositionsTest {

    @Test
    void aPositionIsCoveredOncePassedEvenWithAPermanentGapBelowIt() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(20, new TreeSet<>(java.util.List.of(7L)));
        assertThat(ProcessorPositions.covers(token, 20)).isTrue();
        assertThat(ProcessorPositions.covers(token, 12)).isTrue();
    }

    @Test
    void aPositionIsNotCoveredBeforeItIsReachedOrWhileItIsAGap() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(20, new TreeSet<>(java.util.List.of(7L)));
        assertThat(ProcessorPositions.covers(token, 21)).isFalse();
        assertThat(ProcessorPositions.covers(token, 7)).isFalse();
        assertThat(ProcessorPositions.covers(null, 0)).isFalse();
    }

    @Test
    void duringAReplayThePositionReplayedSoFarCounts() {
        GapAwareTrackingToken head = GapAwareTrackingToken.newInstance(100, new TreeSet<>());
        GapAwareTrackingToken replayedTo = GapAwareTrackingToken.newInstance(40, new TreeSet<>());
        var replay = ReplayToken.createReplayToken(head, replayedTo);
        assertThat(ProcessorPositions.covers(replay, 40)).isTrue();
        assertThat(ProcessorPositions.covers(replay, 41)).isFalse();
    }
}
