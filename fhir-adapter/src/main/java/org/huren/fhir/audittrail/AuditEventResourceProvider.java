package org.huren.fhir.audittrail;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.huren.fhir.lab.LabDirectory;
import org.huren.fhir.lab.MemberLab;
import org.huren.fhir.read.SearchPage;
import org.huren.fhir.server.Caller;
import org.huren.fhir.server.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The audit trail over FHIR (ADR 0013): {@code GET AuditEvent?agent=&entity=&patient=&date=&outcome=&action=}
 * and read by id, newest first, paged like every HuRen search. Operators see every record; a QC manager sees the
 * records of the labs in their alliances (all, with {@code *}); anyone else is refused (403).
 */
public class AuditEventResourceProvider implements IResourceProvider {

    private final FhirContext fhir;
    private final AuditStore store;
    private final LabDirectory labs;

    public AuditEventResourceProvider(FhirContext fhir, AuditStore store, LabDirectory labs) {
        this.fhir = fhir;
        this.store = store;
        this.labs = labs;
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id, RequestDetails request) {
        Set<String> visible = visibleLabs(Caller.of(request));
        return store.find(id.getIdPart(), visible).map(this::parse).orElseThrow(() -> Problem.of(404, "not-found")
                .issue(IssueType.NOTFOUND, null, "no AuditEvent " + id.getIdPart() + " you may see").exception());
    }

    /**
     * @param id       the AuditEvent's own id ({@code _id})
     * @param agent    the token's subject or client id of whoever asked
     * @param entity   a resource read or written, e.g. {@code Observation/123}
     * @param patient  a patient read or searched: {@code Patient/…}, or {@code patient.identifier=system|value}
     * @param date     when it was recorded ({@code ge}/{@code le}…)
     * @param outcome  0, 4, 8 or 12
     * @param action   C, R, U, D or E
     */
    @Search
    public IBundleProvider search(
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam id,
            @OptionalParam(name = AuditEvent.SP_AGENT) TokenOrListParam agent,
            @OptionalParam(name = AuditEvent.SP_ENTITY) ReferenceOrListParam entity,
            @OptionalParam(name = AuditEvent.SP_PATIENT, chainWhitelist = {"", Patient.SP_IDENTIFIER},
                    targetTypes = Patient.class) ReferenceOrListParam patient,
            @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
            @OptionalParam(name = AuditEvent.SP_OUTCOME) TokenOrListParam outcome,
            @OptionalParam(name = AuditEvent.SP_ACTION) TokenOrListParam action,
            @Offset Integer offset,
            @Count Integer count,
            RequestDetails request) {
        Set<String> visible = visibleLabs(Caller.of(request));
        SearchPage window = SearchPage.of(offset, count, request);
        List<String> entities = new ArrayList<>();
        if (entity != null) {
            for (ReferenceParam reference : entity.getValuesAsQueryTokens()) {
                entities.add(reference.getResourceType() == null ? reference.getValue()
                        : reference.getResourceType() + "/" + reference.getIdPart());
            }
        }
        List<String> patients = new ArrayList<>();
        if (patient != null) {
            for (ReferenceParam reference : patient.getValuesAsQueryTokens()) {
                patients.add(Patient.SP_IDENTIFIER.equals(reference.getChain()) ? reference.getValue()
                        : "Patient/" + reference.getIdPart());
            }
        }
        List<Integer> outcomes = new ArrayList<>();
        for (String code : values(outcome)) {
            try {
                outcomes.add(Integer.parseInt(code));
            } catch (NumberFormatException e) {
                throw Problem.of(400, "unknown-outcome").issue(IssueType.CODEINVALID, "outcome",
                        "outcome is 0, 4, 8 or 12, not '" + code + "'").exception();
            }
        }
        List<AuditAction> actions = new ArrayList<>();
        for (String code : values(action)) {
            try {
                actions.add(AuditAction.valueOf(code));
            } catch (IllegalArgumentException e) {
                throw Problem.of(400, "unknown-action").issue(IssueType.CODEINVALID, "action",
                        "action is C, R, U, D or E, not '" + code + "'").exception();
            }
        }
        AuditStore.Page page = store.search(new AuditStore.Query(values(id), values(agent), entities, patients,
                date == null || date.getLowerBoundAsInstant() == null ? null : date.getLowerBoundAsInstant().toInstant(),
                date == null || date.getUpperBoundAsInstant() == null ? null : date.getUpperBoundAsInstant().toInstant(),
                outcomes, actions, visible, window.offset(), window.size(), window.total()));
        return window.bundle(page.json().stream().map(this::parse).map(Resource.class::cast).toList(), List.of(),
                page.total());
    }

    /** The labs whose records the caller may see; null for all; 403 for a caller who may see none. */
    Set<String> visibleLabs(Caller caller) {
        if (caller != null && caller.hasRole("OPERATOR")) {
            return null;
        }
        if (caller == null || !caller.hasRole("QC_MANAGER")) {
            throw Problem.of(403, "forbidden").issue(IssueType.FORBIDDEN, null,
                    "the audit trail is for operators and QC managers (role OPERATOR or QC_MANAGER)").exception();
        }
        if (caller.alliances().contains(Caller.ALL_ALLIANCES)) {
            return null;
        }
        return labs.all().stream().filter(lab -> lab.alliances().stream().anyMatch(caller::actsIn))
                .map(MemberLab::code).collect(Collectors.toUnmodifiableSet());
    }

    private AuditEvent parse(String json) {
        return fhir.newJsonParser().parseResource(AuditEvent.class, json);
    }

    private static List<String> values(TokenOrListParam param) {
        return param == null ? List.of() : param.getValuesAsQueryTokens().stream().map(TokenParam::getValue)
                .toList();
    }
}
