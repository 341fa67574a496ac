package org.huren.domain.reuse;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One reuse question and its answer: the order-time lookup (调阅) with what it found — a reminder when it found a
 * reusable result — and then the clinician's outcome: reused (naming the result) or re-tested (with a reason,
 * and the patient told why). An outcome may also be recorded without a lookup. Each is recorded once: the same
 * outcome again is a retry; a different one is refused.
 */
public class ReuseOutcome {

    @AggregateIdentifier
    private String outcomeId;
    private ReusableLookedUp lookup;
    private ReuseOutcomeRecorded outcome;

    protected ReuseOutcome() {
        // required by Axon
    }

    @CommandHandler
    public ReuseOutcome(RecordLookup command) {
        require(notBlank(command.allianceId()), "alliance", "a lookup is made within an alliance");
        require(notBlank(command.orderingLab()), "orderingLab", "say which member lab's clinician is ordering");
        require(!command.patientIdentifiers().isEmpty(), "patient.identifier", "say which patient");
        require(notBlank(command.requestedCode()), "code", "say which item is ordered");
        require(command.resultId() == null || command.validUntil() != null, "validUntil",
                "a reminder says until when its result may be reused");
        apply(new ReusableLookedUp(command.lookupId(), command.allianceId(), command.orderingLab(),
                command.clinician(), command.department(), command.patientIdentifiers(), command.requestedCode(),
                command.itemCode(), command.resultId(), command.resultLab(), command.validUntil(),
                command.reasons()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordReuseOutcome command) {
        if (lookup != null) {
            require(command.allianceId() == null || command.allianceId().equals(lookup.allianceId()), "allianceId",
                    "lookup " + lookup.lookupId() + " was made in alliance " + lookup.allianceId());
        }
        String resultId = command.resultId();
        if (lookup != null && command.choice() == ReuseChoice.REUSED) {
            // a reminded reuse is of the result the lookup found: 同期互认率 counts reuses of reminders only
            require(lookup.resultId() != null, "choice", "lookup " + lookup.lookupId() + " found no reusable "
                    + "result: nothing was reminded to reuse");
            require(resultId == null || resultId.equals(lookup.resultId()), "resultId", "lookup "
                    + lookup.lookupId() + " reminded of result " + lookup.resultId() + ", not " + resultId);
            resultId = lookup.resultId();
        }
        // an outcome of a lookup belongs to the lookup's context (ordering lab, department, patient, item)
        ReuseOutcomeRecorded wanted = lookup != null
                ? new ReuseOutcomeRecorded(command.outcomeId(), lookup.allianceId(), command.clinician(),
                lookup.department(), lookup.orderingLab(), lookup.patientIdentifiers().get(0),
                or(lookup.itemCode(), lookup.requestedCode()), resultId, command.choice(), command.reason(),
                command.reasonText(), command.patientInformed(), lookup.lookupId())
                : new ReuseOutcomeRecorded(command.outcomeId(), command.allianceId(), command.clinician(),
                command.department(), command.orderingLab(), command.patientIdentifier(), command.itemCode(),
                resultId, command.choice(), command.reason(), command.reasonText(), command.patientInformed(),
                null);
        if (outcome != null) {
            if (sameOutcome(outcome, wanted)) {
                return;
            }
            throw new ConflictingStateException("outcome-recorded", "choice", "the outcome of " + outcomeId
                    + " is already recorded (" + outcome.choice() + "): outcomes are not edited");
        }
        require(notBlank(wanted.allianceId()), "allianceId", "an outcome is recorded within an alliance");
        require(notBlank(wanted.clinician()), "clinician", "say which clinician decided");
        require(notBlank(wanted.itemCode()), "itemCode", "name the catalog item");
        require(wanted.choice() != null, "choice", "the choice is REUSED or RETESTED");
        if (wanted.choice() == ReuseChoice.REUSED) {
            require(notBlank(wanted.resultId()), "resultId", lookup == null ? "a reuse names the result reused"
                    : "lookup " + lookup.lookupId() + " found no reusable result: a reuse names the result reused");
            require(wanted.reason() == null, "reason", "a reuse has no re-test reason");
        } else {
            require(wanted.reason() != null, "reason", "a re-test records its reason");
            require(wanted.reason() != RetestReason.OTHER || notBlank(wanted.reasonText()), "reasonText",
                    "a re-test for OTHER reasons says which");
            require(wanted.patientInformed(), "patientInformed", "a re-test records that the patient was told why");
        }
        apply(wanted);
    }

    private static boolean sameOutcome(ReuseOutcomeRecorded a, ReuseOutcomeRecorded b) {
        return a.choice() == b.choice() && Objects.equals(a.resultId(), b.resultId()) && a.reason() == b.reason()
                && Objects.equals(a.reasonText(), b.reasonText()) && Objects.equals(a.clinician(), b.clinician());
    }

    private static String or(String value, String fallback) {
        return value != null && !value.isBlank() ? value : fallback;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new DomainRuleViolation("invalid-" + field, field, message);
        }
    }

    @EventSourcingHandler
    void on(ReusableLookedUp event) {
        outcomeId = event.lookupId();
        lookup = event;
    }

    @EventSourcingHandler
    void on(ReuseOutcomeRecorded event) {
        outcomeId = event.outcomeId();
        outcome = event;
    }
}
