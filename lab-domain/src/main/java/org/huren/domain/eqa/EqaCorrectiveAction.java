package org.huren.domain.eqa;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.huren.domain.common.DomainRuleViolation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The verification of a corrective action for an item's unsuccessful EQA performance, recorded once (the same id
 * again is a retry). The audits' corrective-action workflow later records the same event at its end.
 */
public class EqaCorrectiveAction {

    @AggregateIdentifier
    private String actionId;

    protected EqaCorrectiveAction() {
        // required by Axon
    }

    @CommandHandler
    public EqaCorrectiveAction(VerifyEqaCorrectiveAction command) {
        require(command.allianceId(), "allianceId");
        require(command.labCode(), "labCode");
        require(command.itemCode(), "itemCode");
        require(command.description(), "description");
        require(command.verifiedBy(), "verifiedBy");
        apply(new EqaCorrectiveActionVerified(command.actionId(), command.allianceId(), command.labCode(),
                command.itemCode(), command.description(), command.verifiedBy()));
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
    }
}
