package org.huren.fhir.server;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.huren.domain.query.InstantRange;
import org.huren.domain.query.ResourcePage;
import org.huren.domain.query.SearchObservations;
import org.huren.domain.linking.query.GetPatientLinkDecisions;
import org.huren.domain.linking.query.PatientLinkDecision;
import org.huren.domain.recognition.query.ResultTag;
import org.huren.domain.recognition.CriterionResult;
import org.huren.domain.recognition.Evidence;
import org.huren.domain.recognition.query.FindReusable;
import org.huren.domain.recognition.query.GetRecognition;
import org.huren.domain.recognition.query.ReusableAnswer;
import org.huren.domain.recognition.query.RecognitionView;
import org.huren.fhir.ingest.IngestEntry;
import org.huren.fhir.ingest.IngestResult;
import org.huren.fhir.ingest.LabRecordIngest;
import org.huren.fhir.read.LabRecordReads;
import org.huren.fhir.read.SearchPage;

import java.util.ArrayList;
import java.util.List;

/**
 * Lab results over FHIR: an LIS creates (conditionally, on identifier) and updates them; clinicians read
 * and search them. Writes go through {@link LabRecordIngest}; reads through the read models.
 */
public class ObservationResourceProvider implements IResourceProvider {

    private final LabRecordIngest ingest;
    private final LabRecordReads reads;
    private final FullValidation validation;
    private final ReuseLookups lookups;
    private final EqaResults eqaResults;
    private final IqcControlRuns controlRuns;
    private final FhirAccess access;

    public ObservationResourceProvider(LabRecordIngest ingest, LabRecordReads reads, FullValidation validation,
                                       ReuseLookups lookups, EqaResults eqaResults, IqcControlRuns controlRuns,
                                       FhirAccess access) {
        this.controlRuns = controlRuns;
        this.access = access;
        this.ingest = ingest;
        this.reads = reads;
        this.validation = validation;
        this.lookups = lookups;
        this.eqaResults = eqaResults;
    }

    /**
     * {@code POST Observation/$eqa-result} with {@code round} and one or more {@code observation}s: a participant's
     * EQA results (室间质评回报), each naming its sample by {@code specimen.identifier} (system
     * {@value EqaResults#SAMPLE_SYSTEM}); the lab is the one the token acts for. A result resent before the
     * deadline replaces the earlier one; after it, all are refused (and logged) with 422.
     */
    @Operation(name = "$eqa-result")
    public Parameters eqaResult(@OperationParam(name = "round", min = 1) StringType round,
                                @OperationParam(name = "observation", min = 1, max = OperationParam.MAX_UNLIMITED)
                                List<Observation> observations, RequestDetails request) {
        access.requireWriter(request);
        return eqaResults.submit(round.getValue(), Caller.labOf(request), observations, request);
    }

    @Override
    public Class<Observation> getResourceType() {
        return Observation.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam Observation observation, @ConditionalUrlParam String ifNoneExist,
                                RequestDetails request) {
        access.requireWriter(request);
        validation.check(observation);
        if (IqcControlRuns.isControl(observation)) {
            return controlRuns.record(observation, Caller.labOf(request), request);
        }
        return write(new IngestEntry(0, null, observation, "POST", "Observation", ifNoneExist), request);
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Observation observation,
                                @ConditionalUrlParam String conditionalUrl, RequestDetails request) {
        access.requireWriter(request);
        validation.check(observation);
        String url = conditionalUrl != null ? conditionalUrl : "Observation/" + id.getIdPart();
        if (conditionalUrl == null && observation.hasIdElement()
                && !id.getIdPart().equals(observation.getIdElement().getIdPart())) {
            throw new InvalidRequestException("Observation.id " + observation.getIdElement().getIdPart()
                    + " does not match the URL id " + id.getIdPart());
        }
        return write(new IngestEntry(0, null, observation, "PUT", url, null), request);
    }

    private MethodOutcome write(IngestEntry entry, RequestDetails request) {
        IngestResult result = ingest.ingest(List.of(entry), true, Caller.labOf(request));
        WriteAnswers.addPosition(request, result);
        IngestResult.EntryResult written = result.entries().get(0);
        MethodOutcome outcome = new MethodOutcome(new IdType("Observation", written.id(),
                Long.toString(written.version())));
        outcome.setCreated(written.created());
        outcome.setResource(reads.stored().parseStoredJson("Observation", written.id(), written.version(),
                written.storedJson()));
        return outcome;
    }

    @Read
    public Resource read(@IdParam IdType id, RequestDetails request) {
        return access.read(reads, "Observation", id, request);
    }

    /**
     * {@code GET Observation/{id}/$recognition[?asOf=]}: the result's recognition in each alliance of its lab —
     * status, since, withdrawn-at, and every criterion with verdict, reason and evidence — now, or as decided at
     * {@code asOf}; and each QC manager's decision on its patient record's link to a person ({@code patientLink}:
     * unlinked — no match on that identifier finds the record — or linked again, when and why).
     */
    @Operation(name = "$recognition", idempotent = true)
    public Parameters recognition(@IdParam IdType id,
                                  @OperationParam(name = "asOf") org.hl7.fhir.r4.model.DateTimeType asOf,
                                  RequestDetails request) {
        access.read(reads, "Observation", id.toUnqualifiedVersionless(), request);
        List<RecognitionView> views = reads.queries().query(new GetRecognition(id.getIdPart(),
                        asOf == null || asOf.getValue() == null ? null : asOf.getValue().toInstant()),
                ResponseTypes.multipleInstancesOf(RecognitionView.class)).join();
        Parameters parameters = new Parameters();
        for (RecognitionView view : views) {
            Parameters.ParametersParameterComponent decision = parameters.addParameter().setName("decision");
            decision.addPart().setName("alliance").setValue(new StringType(view.allianceId()));
            decision.addPart().setName("status").setValue(new CodeType(view.tag().code()));
            decision.addPart().setName("since").setValue(new InstantType(java.util.Date.from(view.since())));
            if (view.withdrawnAt() != null) {
                decision.addPart().setName("withdrawnAt")
                        .setValue(new InstantType(java.util.Date.from(view.withdrawnAt())));
            }
            if (view.itemCode() != null) {
                decision.addPart().setName("item").setValue(new CodeType(view.itemCode()));
            }
            decision.addPart().setName("cause").setValue(new StringType(view.causeType() + " " + view.causeEventId()));
            for (CriterionResult criterion : view.criteria()) {
                Parameters.ParametersParameterComponent part = decision.addPart().setName("criterion");
                part.addPart().setName("code").setValue(new CodeType(criterion.criterion().name()));
                part.addPart().setName("verdict").setValue(new CodeType(criterion.verdict().name()));
                part.addPart().setName("reason").setValue(new StringType(criterion.reason()));
                for (Evidence evidence : criterion.evidence()) {
                    part.addPart().setName("evidence").setValue(new StringType(evidence.kind() + " "
                            + evidence.reference() + ": " + evidence.summary()));
                }
            }
        }
        // a QC manager's decisions on the result's patient record: who it is not (unlinked), or is after all
        for (PatientLinkDecision link : reads.queries().query(new GetPatientLinkDecisions(id.getIdPart(),
                        asOf == null || asOf.getValue() == null ? null : asOf.getValue().toInstant()),
                ResponseTypes.multipleInstancesOf(PatientLinkDecision.class)).join()) {
            Parameters.ParametersParameterComponent part = parameters.addParameter().setName("patientLink");
            part.addPart().setName("alliance").setValue(new StringType(link.allianceId()));
            part.addPart().setName("identifier").setValue(new StringType(link.system() + "|" + link.value()));
            part.addPart().setName("decision").setValue(new CodeType(link.decision().toLowerCase()));
            part.addPart().setName("at").setValue(new InstantType(java.util.Date.from(link.decidedAt())));
            part.addPart().setName("reason").setValue(new StringType(link.reason()));
            part.addPart().setName("event").setValue(new StringType(link.eventId()));
        }
        return parameters;
    }

    /**
     * {@code GET Observation/$reusable?alliance=&patient.identifier=system|value&code=}: the clinician's
     * question "may I reuse a result instead of re-testing?" — the newest recognized, still-valid result of the
     * patient (any member's record with that identifier) for the item, or why there is none. {@code POST} with
     * the same parameters (plus {@code orderingLab} — or the lab the token acts for — {@code clinician} and
     * {@code department}) asks at order time and records the lookup (调阅) and, when a result is found, the
     * reminder (互认提醒): the answer then carries {@code lookup}, the id to record the outcome on.
     */
    @Operation(name = "$reusable", idempotent = true)
    public Parameters reusable(@OperationParam(name = "alliance", min = 1) StringType alliance,
                               @OperationParam(name = "patient.identifier", min = 1, max = OperationParam.MAX_UNLIMITED)
                               List<StringType> patientIdentifiers,
                               @OperationParam(name = "code", min = 1) StringType code,
                               @OperationParam(name = "orderingLab") StringType orderingLab,
                               @OperationParam(name = "clinician") StringType clinician,
                               @OperationParam(name = "department") StringType department,
                               RequestDetails request) {
        List<String> identifiers = patientIdentifiers.stream().map(StringType::getValue).toList();
        boolean recorded = request.getRequestType() == RequestTypeEnum.POST;
        FhirAccess.View view = access.view(request);
        if (!access.actsIn(request, alliance.getValue())) {
            throw FhirAccess.forbidden("the caller does not act in alliance " + alliance.getValue());
        }
        String callerLab = Caller.labOf(request);
        String orderedBy = orderingLab != null && orderingLab.hasValue() ? orderingLab.getValue() : callerLab;
        if (recorded && callerLab != null && !callerLab.equals(orderedBy)) {
            throw FhirAccess.forbidden("orderingLab " + orderedBy + " is not the lab the token acts for ("
                    + callerLab + "): a lookup is recorded as the caller's own lab");
        }
        // the lab's own blind samples' results are answered to its LIS and staff like any result (DOMAIN.md §3)
        ReusableAnswer answer = reads.queries().query(new FindReusable(alliance.getValue(), identifiers,
                code.getValue(), java.time.Instant.now(), view.blindLab()),
                ResponseTypes.instanceOf(ReusableAnswer.class)).join();
        Parameters parameters = new Parameters();
        if (recorded) {
            ReuseLookups.Recorded lookup = lookups.record(alliance.getValue(), orderedBy,
                    value(clinician), value(department), identifiers, code.getValue(), answer);
            parameters.addParameter().setName("lookup").setValue(new StringType(lookup.lookupId()));
            WriteAnswers.addPosition(request, lookup.position());
        }
        parameters.addParameter().setName("reusable").setValue(new org.hl7.fhir.r4.model.BooleanType(answer.reusable()));
        if (answer.reusable()) {
            parameters.addParameter().setName("result")
                    .setValue(new org.hl7.fhir.r4.model.Reference("Observation/" + answer.resultId()));
            parameters.addParameter().setName("performer")
                    .setValue(new org.hl7.fhir.r4.model.Reference("Organization/" + answer.labId()));
            parameters.addParameter().setName("validUntil")
                    .setValue(new InstantType(java.util.Date.from(answer.validUntil())));
        }
        if (answer.itemCode() != null) {
            parameters.addParameter().setName("item").setValue(new CodeType(answer.itemCode()));
        }
        for (String reason : answer.reasons()) {
            parameters.addParameter().setName("reason").setValue(new StringType(reason));
        }
        return parameters;
    }

    private static String value(StringType type) {
        return type == null || !type.hasValue() || type.getValue().isBlank() ? null : type.getValue();
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = Observation.SP_IDENTIFIER) TokenOrListParam identifier,
            @OptionalParam(name = Observation.SP_PATIENT, chainWhitelist = {"", Patient.SP_IDENTIFIER},
                    targetTypes = Patient.class) ReferenceOrListParam patient,
            @OptionalParam(name = Observation.SP_SUBJECT, chainWhitelist = {"", Patient.SP_IDENTIFIER},
                    targetTypes = Patient.class) ReferenceOrListParam subject,
            @OptionalParam(name = Observation.SP_CODE) TokenOrListParam code,
            @OptionalParam(name = Observation.SP_DATE) DateRangeParam date,
            @OptionalParam(name = Observation.SP_PERFORMER, targetTypes = org.hl7.fhir.r4.model.Organization.class)
            ReferenceOrListParam performer,
            @OptionalParam(name = Observation.SP_STATUS) TokenOrListParam status,
            @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
            @OptionalParam(name = Constants.PARAM_TAG) TokenOrListParam tag,
            @Offset Integer offset,
            @Count Integer count,
            RequestDetails request) {
        List<String> patientIds = new ArrayList<>();
        List<String> patientIdentifiers = new ArrayList<>();
        for (ReferenceOrListParam references : new ReferenceOrListParam[]{patient, subject}) {
            if (references == null) {
                continue;
            }
            for (ReferenceParam reference : references.getValuesAsQueryTokens()) {
                if (Patient.SP_IDENTIFIER.equals(reference.getChain())) {
                    patientIdentifiers.add(reference.getValue());
                } else {
                    patientIds.add(reference.getIdPart());
                }
            }
        }
        List<String> codes = tokens(code);
        List<InstantRange> effective = date == null ? List.of() : List.of(range(date));
        List<String> labIds = new ArrayList<>();
        if (performer != null) {
            performer.getValuesAsQueryTokens().forEach(r -> labIds.add(r.getIdPart()));
        }
        List<String> statuses = new ArrayList<>();
        if (status != null) {
            status.getValuesAsQueryTokens().forEach(t -> statuses.add(t.getValue()));
        }
        FhirAccess.View view = access.view(request);
        if (view.byPatientOnly() && patientIds.isEmpty() && patientIdentifiers.isEmpty()) {
            throw FhirAccess.forbidden("a clinician searches results by patient: add patient, subject or "
                    + "patient.identifier");
        }
        SearchPage window = SearchPage.of(offset, count);
        SearchObservations query = new SearchObservations(tokens(identifier), patientIds, patientIdentifiers, codes,
                effective, view.narrow(labIds), statuses, lastUpdated == null ? null : range(lastUpdated), tags(tag),
                window.offset(), window.size(), view.blindLab());
        ResourcePage page = reads.queries().query(query, ResponseTypes.instanceOf(ResourcePage.class)).join();
        return window.bundle(page, reads.stored());
    }

    static List<String> tokens(TokenOrListParam param) {
        List<String> tokens = new ArrayList<>();
        if (param != null) {
            for (TokenParam token : param.getValuesAsQueryTokens()) {
                tokens.add(token.getSystem() == null ? token.getValue() : token.getSystem() + "|" + token.getValue());
            }
        }
        return tokens;
    }

    /** The HuRen tags {@code _tag} names; 400 for a system or code HuRen does not tag with. */
    static List<ResultTag> tags(TokenOrListParam param) {
        List<ResultTag> tags = new ArrayList<>();
        if (param != null) {
            for (TokenParam token : param.getValuesAsQueryTokens()) {
                String system = token.getSystem();
                if (system != null && !system.isEmpty() && !ResultTag.systems().contains(system)) {
                    throw Problem.of(400, "unknown-tag").issue(IssueType.NOTSUPPORTED, "_tag",
                            "_tag: HuRen tags only with " + String.join(" and ", ResultTag.systems()) + ", not '"
                                    + system + "'").exception();
                }
                tags.add(ResultTag.of(system, token.getValue()).orElseThrow(() -> Problem.of(400, "unknown-tag")
                        .issue(IssueType.CODEINVALID, "_tag", "_tag: '" + token.getValue() + "' is not a tag "
                                + (system == null || system.isEmpty() ? "HuRen uses" : "of " + system) + "; known: "
                                + java.util.Arrays.stream(ResultTag.values()).map(t -> t.system() + "|" + t.code())
                                .toList()).exception()));
            }
        }
        return tags;
    }

    static InstantRange range(DateRangeParam range) {
        return new InstantRange(range.getLowerBoundAsInstant() == null ? null : range.getLowerBoundAsInstant().toInstant(),
                range.getUpperBoundAsInstant() == null ? null : range.getUpperBoundAsInstant().toInstant());
    }
}
