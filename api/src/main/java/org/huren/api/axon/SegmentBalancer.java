package org.huren.api.axon;

import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.huren.api.projection.ProcessorPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Spreads the event processors' segments over the nodes that are alive, and never leaves one unclaimed (ADR 0011).
 * Axon without Axon Server lets the first node claim every segment, and a fixed per-node maximum (what
 * {@code huren.node.max-segments} used to set) leaves a dead node's segments unclaimed when the survivors are at
 * their maximum. Here no node has a hard maximum: a dead node's claims expire after the claim timeout and the
 * survivors take them. Balancing is a soft rule applied only while peers are alive — each node beats in
 * {@code huren_node}; a node holding more than its share ({@code ceil(segments / live nodes)}, and at most
 * {@code huren.node.max-segments} when set) releases one segment at a time, and only when a live peer holds less
 * than its share and can take it.
 */
@Component
public class SegmentBalancer {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentBalancer.class);
    /** As the token store's claim timeout: a node not seen for this long is dead. */
    static final Duration ALIVE_WITHIN = Duration.ofSeconds(10);

    private final NodeProperties node;
    private final JdbcTemplate jdbc;
    private final ProcessorPositions positions;

    public SegmentBalancer(NodeProperties node, JdbcTemplate jdbc, ProcessorPositions positions) {
        this.node = node;
        this.jdbc = jdbc;
        this.positions = positions;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${huren.node.heartbeat:2s}")
    public void heartbeat() {
        jdbc.update("INSERT INTO huren_node (node_id, seen_at) VALUES (?, now()) "
                + "ON CONFLICT (node_id) DO UPDATE SET seen_at = now()", node.id());
    }

    @Scheduled(initialDelayString = "${huren.node.balance-every:5s}", fixedDelayString = "${huren.node.balance-every:5s}")
    public void balance() {
        List<String> peers = jdbc.queryForList("SELECT node_id FROM huren_node WHERE node_id <> ? "
                + "AND seen_at > now() - make_interval(secs => ?)", String.class, node.id(), ALIVE_WITHIN.toSeconds());
        if (peers.isEmpty()) {
            return;
        }
        for (Map.Entry<String, StreamingEventProcessor> entry : positions.processors().entrySet()) {
            StreamingEventProcessor processor = entry.getValue();
            Integer segments = jdbc.queryForObject("SELECT count(*) FROM tokenentry WHERE processorname = ?",
                    Integer.class, entry.getKey());
            List<Integer> peersHold = peers.stream().map(peer -> jdbc.queryForObject("SELECT count(*) FROM tokenentry "
                    + "WHERE processorname = ? AND owner = ?", Integer.class, entry.getKey(), peer)).toList();
            int held = processor.processingStatus().size();
            if (segments != null && shouldRelease(held, segments, peers.size() + 1, node.maxSegments(), peersHold)) {
                int segment = processor.processingStatus().keySet().stream().max(Integer::compare).orElseThrow();
                LOG.info("releasing segment {} of {} to a peer: this node holds {} of {} with {} nodes alive",
                        segment, entry.getKey(), held, segments, peers.size() + 1);
                processor.releaseSegment(segment, ALIVE_WITHIN.toSeconds() * 3, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Whether a node holding {@code held} of {@code segments} should give one up: it holds more than its share
     * (segments ÷ live nodes, rounded up, at most {@code cap}) and a live peer holds less than that share.
     */
    static boolean shouldRelease(int held, int segments, int liveNodes, int cap, List<Integer> peersHold) {
        if (liveNodes <= 1) {
            return false;
        }
        int share = Math.min(cap, (segments + liveNodes - 1) / liveNodes);
        return held > share && peersHold.stream().anyMatch(peer -> peer < share);
    }

    @PreDestroy
    public void leave() {
        try {
            jdbc.update("DELETE FROM huren_node WHERE node_id = ?", node.id());
        } catch (RuntimeException e) {
            LOG.debug("could not sign off node {}", node.id(), e);
        }
    }
}
