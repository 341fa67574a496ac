package org.huren.domain.labresult;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.huren.domain.common.Change;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.domain.common.StaleVersionException;
import org.huren.domain.common.WriteOutcome;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One result as one lab reported it (lab × LIS identifier): its status history. The aggregate keeps
 * only what its rules need — the content digest, status and version.
 */
public class LabResult {

    @AggregateIdentifier
    private String resultId;
    private String labId;
    private String contentHash;
    private ResultStatus status;
    private long version;

    protected LabResult() {
        // required by Axon
    }

    @CommandHandler
    public LabResult(ReportLabResult command) {
        if (command.content().status() == ResultStatus.ENTERED_IN_ERROR) {
            throw new DomainRuleViolation("retraction-of-unknown-result", "Observation.status",
                    "a result HuRen never received cannot be entered-in-error");
        }
        apply(new LabResultReported(command.resultId(), command.labId(), command.key(), command.content()));
    }

    @CommandHandler
    public WriteOutcome handle(ResendLabResult command) {
        if (!labId.equals(command.labId())) {
            throw new ConflictingStateException("result-of-other-lab", "Observation.performer",
                    "result " + resultId + " belongs to another lab");
        }
        if (!command.content().contentHash().equals(contentHash)) {
            throw new ConflictingStateException("create-of-changed-result", "Observation",
                    "HuRen holds result " + resultId + " under this identifier with other content; a create never "
                            + "changes a result: send a correction, or status entered-in-error, as an update (PUT)");
        }
        return outcome(Change.UNCHANGED);
    }

    @CommandHandler
    public WriteOutcome handle(ReviseLabResult command) {
        LabResultContent content = command.content();
        if (!labId.equals(command.labId())) {
            throw new ConflictingStateException("result-of-other-lab", "Observation.performer",
                    "result " + resultId + " belongs to another lab");
        }
        StaleVersionException.requireCurrent("Observation/" + resultId, command.expectedVersion(), version);
        if (content.contentHash().equals(contentHash)) {
            return outcome(Change.UNCHANGED);
        }
        if (status == ResultStatus.ENTERED_IN_ERROR && content.status() == ResultStatus.ENTERED_IN_ERROR) {
            return outcome(Change.UNCHANGED);
        }
        if (status == ResultStatus.ENTERED_IN_ERROR) {
            throw new ConflictingStateException("result-retracted", "Observation.status",
                    "result " + resultId + " was entered-in-error; report the result anew with a new identifier");
        }
        if (content.status() == ResultStatus.ENTERED_IN_ERROR) {
            apply(new LabResultRetracted(resultId, labId, content));
            return outcome(Change.RETRACTED);
        }
        apply(new LabResultCorrected(resultId, labId, content, contentHash));
        return outcome(Change.CORRECTED);
    }

    private WriteOutcome outcome(Change change) {
        return new WriteOutcome(resultId, change, version);
    }

    @EventSourcingHandler
    void on(LabResultReported event) {
        resultId = event.resultId();
        labId = event.labId();
        adopt(event.content());
    }

    @EventSourcingHandler
    void on(LabResultCorrected event) {
        adopt(event.content());
    }

    @EventSourcingHandler
    void on(LabResultRetracted event) {
        adopt(event.content());
    }

    private void adopt(LabResultContent content) {
        contentHash = content.contentHash();
        status = content.status();
        version++;
    }
}
