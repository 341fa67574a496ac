package org.huren.domain.iqc;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * An analytical run's control results (one or more levels) of one item at one lab, measured at {@code runAt}, and
 * the control lot each level was measured on ({@code lots}, by level; a level left out is taken to be on its
 * current lot — send the lot for a run recorded late across a lot change). The same run id again with the same
 * results is a resend.
 */
public record RecordControlRun(@TargetAggregateIdentifier String seriesId, String labCode, String itemCode,
                               String runId, Instant runAt, List<ControlResult> results,
                               java.util.Map<String, String> lots, String source) {

    public RecordControlRun {
        results = results == null ? List.of() : List.copyOf(results);
        lots = lots == null ? java.util.Map.of() : java.util.Map.copyOf(lots);
    }

    public RecordControlRun(String seriesId, String labCode, String itemCode, String runId, Instant runAt,
                            List<ControlResult> results, String source) {
        this(seriesId, labCode, itemCode, runId, runAt, results, null, source);
    }
}
