package org.huren.domain.patient;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.huren.domain.common.Change;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.domain.common.StaleVersionException;
import org.huren.domain.common.WriteOutcome;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A patient as known to one member lab (lab × patient key). Linking across labs is a projection's job. */
public class Patient {

    @AggregateIdentifier
    private String patientId;
    private String labId;
    private String contentHash;
    private long version;

    protected Patient() {
        // required by Axon
    }

    @CommandHandler
    public Patient(RegisterPatient command) {
        requireIdentifier(command.content());
        apply(new PatientRegistered(command.patientId(), command.labId(), command.key(), command.content()));
    }

    @CommandHandler
    public WriteOutcome handle(UpdatePatientDetails command) {
        requireIdentifier(command.content());
        if (!labId.equals(command.labId())) {
            throw new ConflictingStateException("patient-of-other-lab", "Patient",
                    "patient " + patientId + " belongs to another lab");
        }
        StaleVersionException.requireCurrent("Patient/" + patientId, command.expectedVersion(), version);
        if (command.content().contentHash().equals(contentHash)) {
            return new WriteOutcome(patientId, Change.UNCHANGED, version);
        }
        apply(new PatientDetailsChanged(patientId, labId, command.content()));
        return new WriteOutcome(patientId, Change.CORRECTED, version);
    }

    private static void requireIdentifier(PatientContent content) {
        if (content.identifiers().isEmpty()) {
            throw new DomainRuleViolation("patient-without-identifier", "Patient.identifier",
                    "a patient needs at least one identifier so that other members can find their results");
        }
        for (int i = 0; i < content.identifiers().size(); i++) {
            org.huren.domain.common.Identifier identifier = content.identifiers().get(i);
            if (ChineseIdentifierSystems.RESIDENT_ID.equals(identifier.system())
                    && !ResidentIdNumber.isValid(identifier.value())) {
                // a mistyped number would link the record to another person's results (or to none)
                String field = "Patient.identifier[" + i + "].value";
                throw new DomainRuleViolation("invalid-resident-id", field, "'" + identifier.value()
                        + "' is not a valid resident identity number (GB 11643-1999): 17 digits with a "
                        + "birth date and an ISO 7064 MOD 11-2 check character", identifier.value());
            }
        }
    }

    @EventSourcingHandler
    void on(PatientRegistered event) {
        patientId = event.patientId();
        labId = event.labId();
        contentHash = event.content().contentHash();
        version++;
    }

    @EventSourcingHandler
    void on(PatientDetailsChanged event) {
        contentHash = event.content().contentHash();
        version++;
    }
}
