package org.huren.fhir.server;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.hl7.fhir.instance.model.api.IAnyResource;
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
import java.util.Set;

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
    private final SearchIncludes includes;

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
        this.includes = new SearchIncludes(reads);
    }

    /**
     * {@code POST Observation/$eqa-result} with {@code round} and one or more {@code observation}s: a participant's
     * EQA results (室间质评回报), each naming its sample by {@code specimen.identifier} (system
     * {@value EqaResults#SAMPLE_SYSTEM}); the lab is the one the token acts for. A result resent before the
     * deadline replaces the earlier one; after it, all are refused (and logged) with 422.
     */
    @Operation(name = "$eqa-result", returnParameters = {
            @OperationParam(name = "result", max = OperationParam.MAX_UNLIMITED)})
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
        return write(new IngestEntry(0, null, observation, "POST", "Observation", ifNoneExist, null), request);
    }

    /**
     * {@code PUT Observation/{id}} or {@code PUT Observation?identifier=system|value}: a correction (or, by the
     * condition, a first report). With {@code If-Match: W/"n"} it is made against version n: 412 when that is not the
     * current version, so no other writer's correction is lost.
     */
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
        return write(new IngestEntry(0, null, observation, "PUT", url, null,
                request.getHeader(Constants.HEADER_IF_MATCH)), request);
    }

    private MethodOutcome write(IngestEntry entry, RequestDetails request) {
        IngestResult result = ingest.ingest(List.of(entry), true, Caller.labOf(request));
        WriteAnswers.addPosition(request, result);
        IngestResult.EntryResult written = result.entries().get(0);
        // the id answered (Location, Content-Location, ETag) names the version written: a vread of it answers it
        MethodOutcome outcome = new MethodOutcome(new IdType("Observation", written.id(),
                Long.toString(written.version())));
        outcome.setCreated(written.created());
        outcome.setResource(reads.stored().parseStoredJson("Observation", written.id(), written.version(),
                written.lastUpdated(), written.storedJson()));
        return outcome;
    }

    /** {@code GET Observation/{id}} and, with a version, {@code GET Observation/{id}/_history/{version}} (vread). */
    @Read(version = true)
    public Resource read(@IdParam IdType id, RequestDetails request) {
        return access.read(reads, "Observation", id, request);
    }

    /** {@code GET Observation/{id}/_history[?_since=]}: every version HuRen holds (each correction), newest first. */
    @History
    public List<Resource> history(@IdParam IdType id, @Since InstantType since, RequestDetails request) {
        return access.history(reads, "Observation", id, since, request);
    }

    /**
     * {@code GET Observation/{id}/$recognition[?asOf=]}: the result's recognition in each alliance of its lab —
     * status, since, withdrawn-at, and every criterion with verdict, reason and evidence — now, or as decided at
     * {@code asOf}; and each QC manager's decision on its patient record's link to a person ({@code patientLink}:
     * unlinked — no match on that identifier finds the record — or linked again, when and why).
     */
    @Operation(name = "$recognition", idempotent = true, returnParameters = {
            @OperationParam(name = "decision", max = OperationParam.MAX_UNLIMITED),
            @OperationParam(name = "patientLink", max = OperationParam.MAX_UNLIMITED)})
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
     * <p>
     * The patient's identifier and the item's code are tokens: in a URL {@code system|value}; in a POSTed Parameters
     * a string {@code system|value}, an {@code Identifier} (also as {@code identifier}) or a {@code Coding} — so the
     * operation reads its POST body itself ({@link PostedParameters}). HAPI still binds the URL's parameters by the
     * types declared here, which its OperationDefinition shows.
     */
    @Operation(name = "$reusable", idempotent = true, manualRequest = true, returnParameters = {
            @OperationParam(name = "lookup", type = StringType.class, max = 1),
            @OperationParam(name = "reusable", type = org.hl7.fhir.r4.model.BooleanType.class, min = 1, max = 1),
            @OperationParam(name = "result", type = org.hl7.fhir.r4.model.Reference.class, max = 1),
            @OperationParam(name = "performer", type = org.hl7.fhir.r4.model.Reference.class, max = 1),
            @OperationParam(name = "validUntil", type = InstantType.class, max = 1),
            @OperationParam(name = "item", type = CodeType.class, max = 1),
            @OperationParam(name = "reason", type = StringType.class, max = OperationParam.MAX_UNLIMITED)})
    public Parameters reusable(@OperationParam(name = "alliance", min = 1) StringType alliance,
                               @OperationParam(name = "patient.identifier", max = OperationParam.MAX_UNLIMITED)
                               List<TokenParam> patientIdentifiers,
                               @OperationParam(name = "identifier", max = OperationParam.MAX_UNLIMITED)
                               List<org.hl7.fhir.r4.model.Identifier> identifierValues,
                               @OperationParam(name = "code", min = 1) org.hl7.fhir.r4.model.Coding code,
                               @OperationParam(name = "orderingLab") StringType orderingLab,
                               @OperationParam(name = "clinician") StringType clinician,
                               @OperationParam(name = "department") StringType department,
                               RequestDetails request) {
        PostedParameters posted = PostedParameters.of(request);
        String allianceId = value(alliance) != null ? value(alliance) : required(posted.string("alliance"), "alliance");
        List<String> identifiers = new ArrayList<>(posted.tokens("patient.identifier", "identifier"));
        if (patientIdentifiers != null) {
            patientIdentifiers.forEach(t -> identifiers.add(PostedParameters.token(t.getSystem(), t.getValue())));
        }
        if (identifierValues != null) {
            identifierValues.forEach(i -> identifiers.add(PostedParameters.token(i.getSystem(), i.getValue())));
        }
        if (identifiers.isEmpty()) {
            throw missing("patient.identifier");
        }
        String item = code != null && code.hasCode() ? PostedParameters.token(code.getSystem(), code.getCode())
                : required(posted.tokens("code").stream().findFirst(), "code");
        String ordering = value(orderingLab) != null ? value(orderingLab) : posted.string("orderingLab").orElse(null);
        String clinicianName = value(clinician) != null ? value(clinician) : posted.string("clinician").orElse(null);
        String departmentName = value(department) != null ? value(department)
                : posted.string("department").orElse(null);
        boolean recorded = request.getRequestType() == RequestTypeEnum.POST;
        FhirAccess.View view = access.view(request);
        if (!access.actsIn(request, allianceId)) {
            throw FhirAccess.forbidden("the caller does not act in alliance " + allianceId);
        }
        String callerLab = Caller.labOf(request);
        String orderedBy = ordering != null && !ordering.isBlank() ? ordering : callerLab;
        if (recorded && callerLab != null && !callerLab.equals(orderedBy)) {
            throw FhirAccess.forbidden("orderingLab " + orderedBy + " is not the lab the token acts for ("
                    + callerLab + "): a lookup is recorded as the caller's own lab");
        }
        // the lab's own blind samples' results are answered to its LIS and staff like any result (DOMAIN.md §3)
        ReusableAnswer answer = reads.queries().query(new FindReusable(allianceId, identifiers,
                item, java.time.Instant.now(), view.blindLab()),
                ResponseTypes.instanceOf(ReusableAnswer.class)).join();
        Parameters parameters = new Parameters();
        if (recorded) {
            ReuseLookups.Recorded lookup = lookups.record(allianceId, orderedBy,
                    blankAsNull(clinicianName), blankAsNull(departmentName), identifiers, item, answer);
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
        return type == null || !type.hasValue() ? null : blankAsNull(type.getValue());
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String required(java.util.Optional<String> value, String name) {
        return value.map(ObservationResourceProvider::blankAsNull).orElseThrow(() -> missing(name));
    }

    private static ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException missing(String name) {
        return Problem.of(400, "missing-parameter").issue(IssueType.REQUIRED, name, "parameter " + name
                + " is required").exception();
    }

    /**
     * Results of one patient (a clinician must name the patient, or ask by {@code _id}), or — for a lab's LIS and
     * QC roles — of the labs the caller sees; {@code _include} the patient and specimen, {@code _revinclude} the
     * reports that group them; {@code _sort} by {@code date} or {@code _lastUpdated}.
     */
    @Search
    public IBundleProvider search(
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam id,
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
            @IncludeParam(allow = {"Observation:patient", "Observation:specimen"}) Set<Include> includes,
            @IncludeParam(reverse = true, allow = {"DiagnosticReport:result"}) Set<Include> revIncludes,
            @Sort SortSpec sort,
            @Offset Integer offset,
            @Count Integer count,
            RequestDetails request) {
        PatientCriteria patients = PatientCriteria.of(patient, subject);
        List<String> ids = ids(id);
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
        if (view.byPatientOnly() && patients.isEmpty() && ids.isEmpty()) {
            throw FhirAccess.forbidden("a clinician searches results by patient: add patient, subject or "
                    + "patient.identifier (or ask by _id)");
        }
        SearchPage window = SearchPage.of(offset, count, request);
        SearchObservations query = new SearchObservations(ids, tokens(identifier), patients.ids(),
                patients.identifiers(), codes, effective, view.narrow(labIds), statuses,
                lastUpdated == null ? null : range(lastUpdated), tags(tag),
                SearchResultParameters.sort("Observation", sort), window.offset(), window.size(), window.total(),
                view.blindLab());
        ResourcePage page = reads.queries().query(query, ResponseTypes.instanceOf(ResourcePage.class)).join();
        List<Resource> matches = page.items().stream().map(reads.stored()::toResource).toList();
        return window.bundle(matches, this.includes.of(matches, includes, revIncludes, view), page.total());
    }

    /** The HuRen ids {@code _id} names. */
    static List<String> ids(TokenOrListParam param) {
        return param == null ? List.of() : param.getValuesAsQueryTokens().stream().map(TokenParam::getValue).toList();
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
