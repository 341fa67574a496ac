package org.huren.fhir.server;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.huren.domain.recognition.query.ReusableAnswer;
import org.huren.domain.reuse.RecordLookup;
import org.huren.fhir.ingest.EventStoreIndex;
import org.huren.fhir.lab.LabDirectory;
import org.huren.fhir.lab.MemberLab;

import java.util.List;
import java.util.UUID;

/**
 * Records an order-time lookup (调阅) and what it answered as an event, for the 调阅互认率 and 同期互认率 KPIs.
 * The ordering lab must be an active member of the alliance; the lookup's id is what the clinician's system
 * later records the outcome on.
 */
public class ReuseLookups {

    private final CommandGateway commands;
    private final EventStoreIndex eventStore;
    private final LabDirectory labs;

    public ReuseLookups(CommandGateway commands, EventStoreIndex eventStore, LabDirectory labs) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.labs = labs;
    }

    /** A recorded lookup: its id and the event position of its record. */
    public record Recorded(String lookupId, long position) {
    }

    public Recorded record(String allianceId, String orderingLab, String clinician, String department,
                           List<String> patientIdentifiers, String code, ReusableAnswer answer) {
        return record(UUID.randomUUID().toString(), allianceId, orderingLab, clinician, department,
                patientIdentifiers, code, answer);
    }

    /**
     * Records the lookup under {@code lookupId}, chosen by the caller: a CDS Hooks client asks about the same draft
     * order at order-select and again at order-sign, and both are one lookup (ADR 0016).
     */
    public Recorded record(String lookupId, String allianceId, String orderingLab, String clinician,
                           String department, List<String> patientIdentifiers, String code, ReusableAnswer answer) {
        if (orderingLab == null || orderingLab.isBlank()) {
            throw new InvalidRequestException("orderingLab: a recorded lookup names the ordering member lab "
                    + "(parameter orderingLab, or the lab the token acts for)");
        }
        MemberLab lab = labs.byCode(orderingLab).orElseThrow(() -> new ForbiddenOperationException(
                "orderingLab: " + orderingLab + " is not a member lab"));
        if (!MemberLab.ACTIVE.equals(lab.standings().get(allianceId))) {
            throw new ForbiddenOperationException("orderingLab: " + orderingLab
                    + " is not an active member of alliance " + allianceId);
        }
        try {
            commands.sendAndWait(new RecordLookup(lookupId, allianceId, orderingLab, clinician, department,
                    patientIdentifiers, code, answer.itemCode(), answer.resultId(), answer.labId(),
                    answer.validUntil(), answer.reasons()));
        } catch (org.huren.domain.common.DomainRuleViolation e) {
            throw Problem.of(422, e.rule()).issue(org.hl7.fhir.r4.model.OperationOutcome.IssueType.BUSINESSRULE,
                    e.field(), e).exception();
        }
        return new Recorded(lookupId, eventStore.latestPosition(List.of(lookupId)));
    }
}
