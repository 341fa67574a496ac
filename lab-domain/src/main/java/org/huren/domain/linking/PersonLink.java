package org.huren.domain.linking;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One person of an alliance, known by one trusted identifier (system and value), and the member patient
 * records linked to them. A link undone stays undone: the linker does not link that record again; only a QC
 * manager's explicit decision ({@link ConfirmPatientLink}) links it again, and a later unlink undoes that too.
 */
public class PersonLink {

    @AggregateIdentifier
    private String personId;
    private String allianceId;
    private final Set<String> linked = new HashSet<>();
    private final Set<String> unlinked = new HashSet<>();

    protected PersonLink() {
        // required by Axon
    }

    /** The person of {@code allianceId} known by {@code system|value}: the same id on every node. */
    public static String personId(String allianceId, String system, String value) {
        return UUID.nameUUIDFromBytes(("person\u0000" + allianceId + "\u0000" + system + "\u0000" + value)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(LinkPatientRecord command) {
        if (linked.contains(command.patientId()) || unlinked.contains(command.patientId())) {
            return;
        }
        apply(new PatientRecordLinked(command.personId(), command.allianceId(), command.system(), command.value(),
                command.patientId(), command.labId()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ConfirmPatientLink command) {
        if (command.reason() == null || command.reason().isBlank()) {
            throw new DomainRuleViolation("invalid-reason", "reason", "say why the record is this person");
        }
        if (linked.contains(command.patientId())) {
            return;
        }
        apply(new PatientLinkConfirmed(command.personId(), command.allianceId(), command.system(), command.value(),
                command.patientId(), command.labId(), command.reason()));
    }

    @CommandHandler
    public void handle(UnlinkPatientRecord command) {
        if (command.reason() == null || command.reason().isBlank()) {
            throw new DomainRuleViolation("invalid-reason", "reason", "say why the link is undone");
        }
        if (unlinked.contains(command.patientId())) {
            return;
        }
        if (!linked.contains(command.patientId())) {
            throw new ConflictingStateException("not-linked", "patientId",
                    "patient record " + command.patientId() + " is not linked to this person");
        }
        apply(new PatientRecordUnlinked(personId, allianceId, command.patientId(), command.reason()));
    }

    @EventSourcingHandler
    void on(PatientRecordLinked event) {
        personId = event.personId();
        allianceId = event.allianceId();
        linked.add(event.patientId());
    }

    @EventSourcingHandler
    void on(PatientLinkConfirmed event) {
        personId = event.personId();
        allianceId = event.allianceId();
        linked.add(event.patientId());
        unlinked.remove(event.patientId());
    }

    @EventSourcingHandler
    void on(PatientRecordUnlinked event) {
        linked.remove(event.patientId());
        unlinked.add(event.patientId());
    }
}
