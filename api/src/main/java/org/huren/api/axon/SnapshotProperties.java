package org.huren.api.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When aggregates are snapshotted: {@code huren.snapshots.iqc-series-threshold} (default 100) events read to load
 * an IQC series — a lab × item that records several control runs a day builds a long history, and without a
 * snapshot every new run would read all of it. A snapshot is taken once loading reads more than this many events.
 */
@ConfigurationProperties("huren.snapshots")
public record SnapshotProperties(Integer iqcSeriesThreshold) {

    public SnapshotProperties {
        if (iqcSeriesThreshold == null || iqcSeriesThreshold <= 0) {
            iqcSeriesThreshold = 100;
        }
    }
}
