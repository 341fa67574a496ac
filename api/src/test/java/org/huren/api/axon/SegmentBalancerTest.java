package org.huren.api.axon;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a node gives a segment to a peer: only above its share, and only to a live peer with room. */
class SegmentBalancerTest {

    static final int NO_CAP = Integer.MAX_VALUE;

    @Test
    void aNodeAloneKeepsEverySegmentWhateverItsCap() {
        assertThat(SegmentBalancer.shouldRelease(2, 2, 1, 1, List.of())).isFalse();
        assertThat(SegmentBalancer.shouldRelease(4, 4, 1, NO_CAP, List.of())).isFalse();
    }

    @Test
    void aNodeAboveItsShareGivesOneToALivePeerBelowIt() {
        assertThat(SegmentBalancer.shouldRelease(2, 2, 2, NO_CAP, List.of(0))).isTrue();
        assertThat(SegmentBalancer.shouldRelease(1, 2, 2, NO_CAP, List.of(1))).isFalse();
        assertThat(SegmentBalancer.shouldRelease(3, 4, 3, NO_CAP, List.of(1, 0))).isTrue();
        assertThat(SegmentBalancer.shouldRelease(2, 4, 3, NO_CAP, List.of(1, 1))).as("share is 2").isFalse();
    }

    @Test
    void theCapLowersTheShareButNeverStrandsASegment() {
        assertThat(SegmentBalancer.shouldRelease(2, 4, 2, 1, List.of(2))).as("peer full: keep").isFalse();
        assertThat(SegmentBalancer.shouldRelease(3, 4, 2, 2, List.of(1))).isTrue();
        assertThat(SegmentBalancer.shouldRelease(2, 2, 2, 1, List.of(1))).as("the peer holds its share").isFalse();
    }
}
