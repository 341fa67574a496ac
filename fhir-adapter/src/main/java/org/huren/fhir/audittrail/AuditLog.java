package org.huren.fhir.audittrail;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.huren.fhir.server.Caller;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;

/**
 * The audit trail of access (ADR 0013): every request that read patient data or wrote becomes one FHIR
 * {@code AuditEvent} shaped after the IHE Basic Audit Log Patterns (BALP) — who (the token's subject, client and
 * lab), from where, what (the resources, the query, the patients), the outcome and when — stored before the
 * request is answered.
 */
public class AuditLog {

    static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String OPERATION = "https://huren.org/fhir/CodeSystem/operation";
    static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String ENTITY_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String BALP_ENTITY_TYPE = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";
    static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    /** The system of an agent's {@code who.identifier}: the token's subject. */
    public static final String SUBJECT_SYSTEM = "https://huren.org/fhir/sid/subject";
    /** The system of an agent's {@code who.identifier}: the OAuth2 client. */
    public static final String CLIENT_SYSTEM = "https://huren.org/fhir/sid/oauth-client";

    private final FhirContext fhir;
    private final AuditStore store;
    private final String node;
    private final Timer timer;

    /** {@code node}: this server among several, as {@code AuditEvent.source.observer}. */
    public AuditLog(FhirContext fhir, AuditStore store, String node, MeterRegistry meters) {
        this.fhir = fhir;
        this.store = store;
        this.node = node;
        this.timer = Timer.builder("huren.audit.record")
                .description("time to build and durably store one request's AuditEvent, added to its answer")
                .publishPercentileHistogram().register(meters);
    }

    /** Keeps the record durably; throws when it cannot (then the request must not be acknowledged). */
    public void record(AccessRecord access) {
        timer.record(() -> store(access));
    }

    private void store(AccessRecord access) {
        AuditEvent event = auditEvent(UUID.randomUUID().toString(), access);
        Caller caller = access.caller();
        String subtype = access.operation() != null ? access.operation() : access.interaction();
        store.append(new AuditStore.Row(event.getIdElement().getIdPart(), access.recorded(), access.action(),
                subtype, caller == null ? null : caller.subject(), caller == null ? null : caller.clientId(),
                caller == null ? null : caller.lab(), access.entities(), access.patients(), access.outcome(),
                access.requestId(), fhir.newJsonParser().encodeResourceToString(event)));
    }

    AuditEvent auditEvent(String id, AccessRecord access) {
        AuditEvent event = new AuditEvent();
        event.setId(id);
        if (access.interaction() == null) {
            // refused before it reached an endpoint: no or a bad token, or a role it lacks (BALP: security alert)
            event.setType(new Coding(DICOM, "110113", "Security Alert"));
        } else {
            event.setType(new Coding(EVENT_TYPE, "rest", "Restful Operation"));
            event.addSubtype(new Coding(INTERACTION, access.interaction(), null));
        }
        if (access.operation() != null) {
            event.addSubtype(new Coding(OPERATION, access.operation(), null));
        }
        event.setAction(AuditEvent.AuditEventAction.fromCode(access.action().name()));
        event.setRecorded(Date.from(access.recorded()));
        event.setOutcome(AuditEvent.AuditEventOutcome.fromCode(Integer.toString(access.outcome())));
        event.setOutcomeDesc(access.description());

        Caller caller = access.caller();
        // the person or machine that asked (BALP: the user agent, requestor)
        AuditEventAgentComponent user = event.addAgent().setRequestor(true);
        user.setType(new org.hl7.fhir.r4.model.CodeableConcept(new Coding(PARTICIPATION,
                access.action() == AuditAction.R || access.action() == AuditAction.E ? "IRCP" : "AUT",
                access.action() == AuditAction.R || access.action() == AuditAction.E ? "information recipient"
                        : "author")));
        if (caller == null) {
            user.getWho().setDisplay("no accepted token");
        } else {
            user.getWho().setIdentifier(new Identifier().setSystem(SUBJECT_SYSTEM).setValue(caller.subject()));
            if (caller.lab() != null) {
                user.setLocation(new Reference("Organization/" + caller.lab()));
            }
            caller.roles().stream().sorted().forEach(role -> user.addRole().setText(role));
        }
        // the application it used (BALP: the client, source role) and where it connected from
        AuditEventAgentComponent client = event.addAgent().setRequestor(false);
        client.setType(new org.hl7.fhir.r4.model.CodeableConcept(new Coding(DICOM, "110153", "Source Role ID")));
        if (caller != null && caller.clientId() != null) {
            client.getWho().setIdentifier(new Identifier().setSystem(CLIENT_SYSTEM).setValue(caller.clientId()));
        }
        if (access.address() != null) {
            client.getNetwork().setAddress(access.address())
                    .setType(AuditEvent.AuditEventAgentNetworkType._2);
        }

        event.getSource().setSite("HuRen").getObserver().setDisplay(node);
        event.getSource().addType(new Coding(SOURCE_TYPE, "4", "Application Server"));

        for (String reference : access.entities()) {
            event.addEntity().setWhat(new Reference(reference))
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                    .setRole(new Coding(ENTITY_ROLE, "4", "Domain Resource"));
        }
        for (String patient : access.patients()) {
            AuditEventEntityComponent entity = event.addEntity()
                    .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                    .setRole(new Coding(ENTITY_ROLE, "1", "Patient"));
            int bar = patient.indexOf('|');
            if (patient.startsWith("Patient/") || bar < 0) {
                entity.setWhat(new Reference(patient.startsWith("Patient/") ? patient : "Patient/" + patient));
            } else {
                entity.getWhat().setIdentifier(new Identifier().setSystem(bar == 0 ? null : patient.substring(0, bar))
                        .setValue(patient.substring(bar + 1)));
            }
        }
        if (access.query() != null) {
            event.addEntity().setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                    .setRole(new Coding(ENTITY_ROLE, "24", "Query"))
                    .setQuery(access.query().getBytes(StandardCharsets.UTF_8))
                    .setDescription(access.path());
        } else if (access.entities().isEmpty()) {
            // what was asked, when no resource names it (an /api endpoint, a refused write)
            event.addEntity().setType(new Coding(ENTITY_TYPE, "2", "System Object")).setName(access.path());
        }
        if (access.requestId() != null) {
            event.addEntity().setType(new Coding(BALP_ENTITY_TYPE, "XrequestId", "X-Request-Id"))
                    .getWhat().setIdentifier(new Identifier().setValue(access.requestId()));
        }
        return event;
    }
}
