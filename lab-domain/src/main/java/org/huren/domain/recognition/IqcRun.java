package org.huren.domain.recognition;

import java.time.Instant;
import java.util.Objects;

/** One IQC run (室内质控) of the item at the lab, with its outcome. */
public record IqcRun(String runId, Instant runAt, IqcOutcome outcome, String eventId) {

    public IqcRun {
        Objects.requireNonNull(runAt, "runAt");
        Objects.requireNonNull(outcome, "outcome");
    }
}
