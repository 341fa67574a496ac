package org.huren.domain.iqc;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * An analytical run's control results (one or more levels) of one item at one lab, measured at {@code runAt}; the
 * same run id again with the same results is a resend.
 */
public record RecordControlRun(@TargetAggregateIdentifier String seriesId, String labCode, String itemCode,
                               String runId, Instant runAt, List<ControlResult> results, String source) {

    public RecordControlRun {
        results = results == null ? List.of() : List.copyOf(results);
    }
}
