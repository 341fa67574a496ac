package org.huren.domain.eqa;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.huren.domain.common.Change;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The verification of a corrective action for an item's unsuccessful EQA performance, recorded once: the same id
 * again with the same details is a retry (nothing changes), with other details a conflict. The audits'
 * corrective-action workflow later records the same event at its end.
 */
public class EqaCorrectiveAction {

    @AggregateIdentifier
    private String actionId;
    private EqaCorrectiveActionVerified verified;

    protected EqaCorrectiveAction() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Change handle(VerifyEqaCorrectiveAction command) {
        EqaCorrectiveActionVerified wanted = new EqaCorrectiveActionVerified(command.actionId(),
                command.allianceId(), command.labCode(), command.itemCode(), command.description(),
                command.verifiedBy());
        if (verified != null) {
            if (!verified.equals(wanted)) {
                throw new ConflictingStateException("request-id-reused", "requestId", "corrective action "
                        + actionId + " was recorded under this request id with other details");
            }
            return Change.UNCHANGED;
        }
        require(command.allianceId(), "allianceId");
        require(command.labCode(), "labCode");
        require(command.itemCode(), "itemCode");
        require(command.description(), "description");
        require(command.verifiedBy(), "verifiedBy");
        apply(wanted);
        return Change.CREATED;
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new DomainRuleViolation("invalid-" + field, field, "a verified corrective action names its "
                    + field);
        }
    }

    @EventSourcingHandler
    void on(EqaCorrectiveActionVerified event) {
        actionId = event.actionId();
        verified = event;
    }
}
