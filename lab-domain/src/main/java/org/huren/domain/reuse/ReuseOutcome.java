package org.huren.domain.reuse;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.huren.domain.common.DomainRuleViolation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One clinician's outcome of one reuse question: reused (naming the result) or re-tested (with a reason, and
 * the patient told why). Recorded once; the same outcome id again is a retry.
 */
public class ReuseOutcome {

    @AggregateIdentifier
    private String outcomeId;

    protected ReuseOutcome() {
        // required by Axon
    }

    @CommandHandler
    public ReuseOutcome(RecordReuseOutcome command) {
        require(command.allianceId() != null && !command.allianceId().isBlank(), "allianceId",
                "an outcome is recorded within an alliance");
        require(command.clinician() != null && !command.clinician().isBlank(), "clinician",
                "say which clinician decided");
        require(command.itemCode() != null && !command.itemCode().isBlank(), "itemCode", "name the catalog item");
        require(command.choice() != null, "choice", "the choice is REUSED or RETESTED");
        if (command.choice() == ReuseChoice.REUSED) {
            require(command.resultId() != null && !command.resultId().isBlank(), "resultId",
                    "a reuse names the result reused");
            require(command.reason() == null, "reason", "a reuse has no re-test reason");
        } else {
            require(command.reason() != null, "reason", "a re-test records its reason");
            require(command.reason() != RetestReason.OTHER
                    || command.reasonText() != null && !command.reasonText().isBlank(), "reasonText",
                    "a re-test for OTHER reasons says which");
            require(command.patientInformed(), "patientInformed",
                    "a re-test records that the patient was told why");
        }
        apply(new ReuseOutcomeRecorded(command.outcomeId(), command.allianceId(), command.clinician(),
                command.department(), command.orderingLab(), command.patientIdentifier(), command.itemCode(),
                command.resultId(), command.choice(), command.reason(), command.reasonText(),
                command.patientInformed()));
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new DomainRuleViolation("invalid-" + field, field, message);
        }
    }

    @EventSourcingHandler
    void on(ReuseOutcomeRecorded event) {
        outcomeId = event.outcomeId();
    }
}
