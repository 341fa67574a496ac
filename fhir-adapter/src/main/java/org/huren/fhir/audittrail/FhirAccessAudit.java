package org.huren.fhir.audittrail;

import java.util.ArrayList;
import org.huren.fhir.ingest.WriteAudit;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.huren.fhir.server.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Audits {@code /fhir} in one place (ADR 0013): every read, search and operation on patient data (Observation,
 * Patient, Specimen, DiagnosticReport, and the audit trail itself) and every write, answered or refused. An answer
 * is recorded at {@link Pointcut#SERVER_OUTGOING_RESPONSE} — after the write committed, before a byte of the answer
 * is sent — and an audit row that cannot be stored fails the request (500), so an acknowledged request always has
 * its record; a refusal is recorded at {@link Pointcut#SERVER_HANDLE_EXCEPTION}.
 */
@Interceptor
public class FhirAccessAudit implements WriteAudit {

    /** The resource types whose reads are audited: patient data, and the audit trail, which names patients. */
    static final Set<String> PATIENT_DATA = Set.of("Observation", "Patient", "Specimen", "DiagnosticReport",
            "AuditEvent");
    /** Search parameters that name a patient by identifier. */
    static final Set<String> PATIENT_IDENTIFIER_PARAMETERS = Set.of("patient.identifier", "subject.identifier",
            "patient:Patient.identifier", "subject:Patient.identifier", "patient:identifier");
    private static final String AUDITED = FhirAccessAudit.class.getName() + ".audited";
    private static final Logger LOG = LoggerFactory.getLogger(FhirAccessAudit.class);

    /** Set while the record of the request's write is stored in its transaction, until it commits. */
    private static final String IN_TRANSACTION = FhirAccessAudit.class.getName() + ".inTransaction";

    private final AuditLog log;
    private final org.huren.fhir.server.DatabaseAvailability database;
    /** The request this thread serves, for the record stored in a write's transaction. */
    private final ThreadLocal<RequestDetails> serving = new ThreadLocal<>();

    public FhirAccessAudit(AuditLog log, org.huren.fhir.server.DatabaseAvailability database) {
        this.log = log;
        this.database = database;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void serving(RequestDetails request) {
        serving.set(request);
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void served(RequestDetails request) {
        serving.remove();
    }

    /**
     * A create, update or transaction stores its record in its own transaction, so that no second commit is paid
     * on the ingest path and no write is stored without its record; a batch (one transaction per entry) is
     * recorded once, when answered.
     */
    @Override
    public void beforeCommit(List<String> written) {
        RequestDetails request = serving.get();
        if (request == null || !isWrite(request) || request.getUserData().containsKey(AUDITED)
                || request.getResource() instanceof Bundle bundle && bundle.getType() == Bundle.BundleType.BATCH) {
            return;
        }
        AccessRecord answered = recordOf(request, 200, null, null);
        List<String> patients = new ArrayList<>(answered.patients());
        written.stream().filter(e -> e.startsWith("Patient/") && !patients.contains(e)).forEach(patients::add);
        log.record(new AccessRecord(answered.recorded(), answered.action(), answered.interaction(),
                answered.operation(), answered.caller(), answered.address(), answered.path(), answered.query(),
                written, patients, answered.status(), null, answered.requestId()));
        request.getUserData().put(IN_TRANSACTION, Boolean.TRUE);
    }

    @Override
    public void committed() {
        RequestDetails request = serving.get();
        if (request != null && request.getUserData().remove(IN_TRANSACTION) != null) {
            request.getUserData().put(AUDITED, Boolean.TRUE);
        }
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean answered(RequestDetails request, ResponseDetails response) {
        if (audited(request) && request.getUserData().putIfAbsent(AUDITED, Boolean.TRUE) == null) {
            log.record(recordOf(request, response.getResponseCode(), response.getResponseResource(), null));
        }
        return true;
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean refused(RequestDetails request, BaseServerResponseException exception) {
        if (audited(request) && request.getUserData().putIfAbsent(AUDITED, Boolean.TRUE) == null) {
            if (database.recentlyUnavailable()) {
                // the trail lives in the database that just failed: trying would hold the answer for the pool's
                // timeout, and the refusal acknowledges and discloses nothing
                LOG.warn("refusal of {} {} not recorded in the audit trail: the database is unavailable",
                        request.getRequestType(), request.getCompleteUrl());
                return true;
            }
            try {
                log.record(recordOf(request, exception.getStatusCode(), null, describe(exception)));
            } catch (RuntimeException e) {
                // the refusal is answered all the same: it acknowledges nothing
                LOG.error("could not record the refusal of {} {} in the audit trail", request.getRequestType(),
                        request.getCompleteUrl(), e);
            }
        }
        return true;
    }

    static boolean audited(RequestDetails request) {
        String type = request.getResourceName();
        return isWrite(request) || (type != null && PATIENT_DATA.contains(type));
    }

    static boolean isWrite(RequestDetails request) {
        RequestTypeEnum method = request.getRequestType();
        RestOperationTypeEnum interaction = request.getRestOperationType();
        if (interaction == RestOperationTypeEnum.SEARCH_TYPE || interaction == RestOperationTypeEnum.SEARCH_SYSTEM
                || interaction == RestOperationTypeEnum.METADATA) {
            return false; // POST [type]/_search reads
        }
        return method != null && method != RequestTypeEnum.GET && method != RequestTypeEnum.HEAD
                && method != RequestTypeEnum.OPTIONS;
    }

    AccessRecord recordOf(RequestDetails request, int status, IBaseResource answer, String description) {
        RestOperationTypeEnum interaction = request.getRestOperationType();
        boolean write = isWrite(request);
        String operation = request.getOperation() != null && request.getOperation().startsWith("$")
                ? request.getOperation() : null;
        Set<String> entities = new LinkedHashSet<>();
        Set<String> patients = new LinkedHashSet<>();
        if (request.getId() != null && request.getId().hasIdPart() && request.getResourceName() != null) {
            entities.add(request.getResourceName() + "/" + request.getId().getIdPart());
        }
        if (answer instanceof Resource resource) {
            collect(resource, entities, patients);
        }
        patientsAsked(request.getParameters(), patients);
        entities.stream().filter(e -> e.startsWith("Patient/")).forEach(patients::add);
        boolean query = !write && (interaction == RestOperationTypeEnum.SEARCH_TYPE
                || interaction == RestOperationTypeEnum.SEARCH_SYSTEM || operation != null);
        String path = "/fhir/" + (request.getRequestPath() == null ? "" : request.getRequestPath());
        return new AccessRecord(Instant.now(), actionOf(request.getRequestType(), interaction, operation),
                interactionOf(request.getRequestType(), interaction, request.getResourceName()), operation,
                Caller.of(request), addressOf(request), path, query ? queryOf(request) : null,
                List.copyOf(entities), List.copyOf(patients), status, description, requestIdOf(request));
    }

    /** The resources an answer carries (a search page, a transaction's locations, an operation's results). */
    private static void collect(Resource resource, Set<String> entities, Set<String> patients) {
        if (resource instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.hasResource() && !(entry.getResource() instanceof OperationOutcome)) {
                    collect(entry.getResource(), entities, patients);
                }
                if (entry.hasResponse() && entry.getResponse().hasLocation()) {
                    IdType location = new IdType(entry.getResponse().getLocation());
                    if (location.hasResourceType() && location.hasIdPart()) {
                        entities.add(location.getResourceType() + "/" + location.getIdPart());
                    }
                }
            }
            return;
        }
        if (resource instanceof Parameters parameters) {
            for (Parameters.ParametersParameterComponent parameter : parameters.getParameter()) {
                if (parameter.getValue() instanceof Reference reference && reference.hasReference()
                        && !reference.getReference().startsWith("Organization/")) {
                    entities.add(reference.getReference());
                }
            }
            return;
        }
        if (resource instanceof OperationOutcome || !resource.hasIdElement() || !resource.getIdElement().hasIdPart()) {
            return;
        }
        entities.add(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
        Reference subject = resource instanceof Observation observation ? observation.getSubject()
                : resource instanceof Specimen specimen ? specimen.getSubject()
                : resource instanceof DiagnosticReport report ? report.getSubject() : null;
        if (subject != null && subject.hasReference() && subject.getReference().startsWith("Patient/")) {
            patients.add(subject.getReference());
        }
    }

    /** The patients a request names: by identifier, or by reference. */
    private static void patientsAsked(Map<String, String[]> parameters, Set<String> patients) {
        if (parameters == null) {
            return;
        }
        parameters.forEach((name, values) -> {
            boolean identifier = PATIENT_IDENTIFIER_PARAMETERS.contains(name);
            boolean reference = name.equals("patient") || name.equals("subject");
            if (!identifier && !reference) {
                return;
            }
            Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                    .filter(v -> !v.isEmpty())
                    .forEach(v -> patients.add(identifier || v.contains("/") ? v : "Patient/" + v));
        });
    }

    static AuditAction actionOf(RequestTypeEnum method, RestOperationTypeEnum interaction, String operation) {
        if (interaction == null || operation != null) {
            return switch (method == null ? RequestTypeEnum.GET : method) {
                case POST -> operation == null ? AuditAction.C : AuditAction.E;
                case PUT, PATCH -> AuditAction.U;
                case DELETE -> AuditAction.D;
                default -> operation == null ? AuditAction.R : AuditAction.E;
            };
        }
        return switch (interaction) {
            case CREATE -> AuditAction.C;
            case UPDATE, PATCH -> AuditAction.U;
            case DELETE -> AuditAction.D;
            case READ, VREAD, HISTORY_INSTANCE, HISTORY_TYPE -> AuditAction.R;
            default -> AuditAction.E; // searches, transactions and batches, operations
        };
    }

    static String interactionOf(RequestTypeEnum method, RestOperationTypeEnum interaction, String resourceType) {
        if (interaction == null) {
            return switch (method == null ? RequestTypeEnum.GET : method) {
                case POST -> resourceType == null ? "transaction" : "create";
                case PUT -> "update";
                case PATCH -> "patch";
                case DELETE -> "delete";
                default -> resourceType == null ? "search-system" : "read";
            };
        }
        return switch (interaction) {
            case EXTENDED_OPERATION_INSTANCE, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_SERVER -> "operation";
            default -> interaction.getCode();
        };
    }

    /** The query as sent; for a POSTed search, its parameters in query form. */
    private static String queryOf(RequestDetails request) {
        if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest().getQueryString() != null) {
            return servlet.getServletRequest().getQueryString();
        }
        if (request.getParameters() == null) {
            return "";
        }
        return request.getParameters().entrySet().stream()
                .flatMap(e -> Arrays.stream(e.getValue()).map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }

    private static String addressOf(RequestDetails request) {
        return request instanceof ServletRequestDetails servlet ? servlet.getServletRequest().getRemoteAddr() : null;
    }

    private static String requestIdOf(RequestDetails request) {
        if (request instanceof ServletRequestDetails servlet && servlet.getServletResponse() != null) {
            String id = servlet.getServletResponse().getHeader(AccessRecord.REQUEST_ID_HEADER);
            if (id != null) {
                return id;
            }
        }
        return request.getHeader(AccessRecord.REQUEST_ID_HEADER);
    }

    private static String describe(BaseServerResponseException exception) {
        String detail = exception.getMessage();
        if (exception.getOperationOutcome() instanceof OperationOutcome outcome && outcome.hasIssue()) {
            detail = outcome.getIssue().stream().map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                    .filter(d -> d != null && !d.isBlank()).collect(Collectors.joining("; "));
        }
        String text = "HTTP " + exception.getStatusCode() + (detail == null || detail.isBlank() ? "" : ": " + detail);
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }
}
