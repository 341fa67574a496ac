package org.huren.domain.iqc;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A run's control values, with the lot in use for each level. */
public record ControlRunRecorded(String seriesId, String labCode, String itemCode, String runId, Instant runAt,
                                 List<ControlResult> results, Map<String, String> lots, String source) {

    public ControlRunRecorded {
        results = List.copyOf(results);
        lots = Map.copyOf(lots);
    }
}
