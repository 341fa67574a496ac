package org.huren.api.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.lang.management.ManagementFactory;

/**
 * This node's identity among several sharing one database: {@code huren.node.id} (default host and pid)
 * names its token claims; {@code huren.node.max-segments} caps the processor segments it keeps while other nodes are
 * alive to take the rest (a soft cap: {@link SegmentBalancer}; alone, a node takes every segment).
 */
@ConfigurationProperties("huren.node")
public record NodeProperties(String id, Integer maxSegments) {

    public NodeProperties {
        if (id == null || id.isBlank()) {
            id = ManagementFactory.getRuntimeMXBean().getName();
        }
        if (maxSegments == null || maxSegments <= 0) {
            maxSegments = Integer.MAX_VALUE;
        }
    }
}
