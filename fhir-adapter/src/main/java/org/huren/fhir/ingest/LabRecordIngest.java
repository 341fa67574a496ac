package org.huren.fhir.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.param.ParameterUtil;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import ca.uhn.fhir.util.UrlUtil;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.huren.domain.common.Change;
import org.huren.domain.common.ConflictingStateException;
import org.huren.domain.common.DomainRuleViolation;
import org.huren.domain.common.ResourceKey;
import org.huren.domain.common.StaleVersionException;
import org.huren.domain.common.WriteOutcome;
import org.huren.domain.labdoc.DocumentKind;
import org.huren.domain.labresult.ResendLabResult;
import org.huren.fhir.lab.LabDirectory;
import org.huren.fhir.lab.MemberLab;
import org.huren.fhir.server.Problem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The write path of lab records: checks a whole request (a transaction Bundle or one resource) against
 * HuRen's rules, maps every entry to a command with HuRen ids and rewritten references — without side
 * effects — and then dispatches all commands in one unit of work, so that their events are appended in
 * one database transaction. Nothing is stored when any entry is refused; the answer comes after commit.
 */
public class LabRecordIngest {

    /** FHIR resource types an LIS may send; anything else makes the whole request fail. */
    public static final Set<String> ACCEPTED_TYPES =
            Set.of("Patient", "Specimen", "Observation", "DiagnosticReport", "Organization");

    private static final Map<String, String> AGGREGATE_OF = Map.of(
            "Observation", "LabResult", "Patient", "Patient",
            "Specimen", "LabDocument", "DiagnosticReport", "LabDocument");
    /** Parameters that shape a search's answer, not what it matches: a condition ignores them. */
    private static final Set<String> RESULT_PARAMETERS = Set.of(Constants.PARAM_FORMAT, Constants.PARAM_PRETTY,
            Constants.PARAM_SUMMARY, Constants.PARAM_ELEMENTS, Constants.PARAM_COUNT, Constants.PARAM_SORT,
            Constants.PARAM_INCLUDE, Constants.PARAM_REVINCLUDE, Constants.PARAM_SEARCH_TOTAL_MODE,
            Constants.PARAM_CONTAINED, Constants.PARAM_CONTAINED_TYPE);

    private final FhirContext fhir;
    private final LabDirectory labs;
    private final EventStoreIndex eventStore;
    private final CommandGateway commands;
    private final RetriedUnitOfWork unitsOfWork;
    private volatile WriteAudit writeAudit = WriteAudit.NONE;
    private final ObservationMapper observations;
    private final PatientMapper patients;
    private final LabDocumentMapper documents;
    private final MeterRegistry meters;
    private final Timer ingestTimer;
    private final BlindSampleRouting blindSamples;

    public LabRecordIngest(FhirContext fhir, LabDirectory labs, EventStoreIndex eventStore, CommandGateway commands,
                           RetriedUnitOfWork unitsOfWork, UcumUnits ucum, MeterRegistry meters,
                           BlindSampleRouting blindSamples) {
        this.fhir = fhir;
        this.labs = labs;
        this.eventStore = eventStore;
        this.commands = commands;
        this.unitsOfWork = unitsOfWork;
        this.observations = new ObservationMapper(ucum);
        this.patients = new PatientMapper();
        this.documents = new LabDocumentMapper();
        this.meters = meters;
        this.blindSamples = blindSamples;
        this.ingestTimer = Timer.builder("huren.ingest.request")
                .description("time to check, plan and commit one LIS write (a Bundle or a single resource)")
                .publishPercentileHistogram()
                .register(meters);
    }

    /**
     * Writes the entries of one request, all or nothing.
     *
     * @param single     true for a plain create/update (expressions then start at the resource type)
     * @param labHeader  the submitting lab named by the request, or null
     */
    public IngestResult ingest(List<IngestEntry> entries, boolean single, String labHeader) {
        return ingestTimer.record(() -> {
            Plan plan = plan(entries, single, labHeader);
            IngestResult result = dispatch(plan);
            for (IngestResult.EntryResult entry : result.entries()) {
                if ("Observation".equals(entry.resourceType())) {
                    // per lab (the submitting one, checked by the plan): which hospital stopped sending
                    meters.counter("huren.ingest.results", "change", entry.change().name().toLowerCase(),
                            "lab", labHeader.trim()).increment();
                }
            }
            return result;
        });
    }

    // ---------------------------------------------------------------- planning (no side effects)

    /** One entry on its way to an aggregate. */
    static final class Planned {
        final IngestEntry entry;
        final String prefix;
        final String type;
        String id;
        ResourceKey key;
        WriteMode mode;
        /** The version an update was made against (If-Match), or null. */
        Long expectedVersion;
        MemberLab lab;
        PlannedContent content;
        String storedJson;

        Planned(IngestEntry entry, String prefix) {
            this.entry = entry;
            this.prefix = prefix;
            this.type = entry.resource().fhirType();
        }

        String at(String element) {
            return element == null || element.isEmpty() ? prefix : prefix + "." + element;
        }
    }

    /**
     * The entries in request order, those that carry lab records in the order they are written, and the results
     * of blind samples (盲样) that also go to their flight inspection's grading.
     */
    record Plan(List<Planned> entries, List<Planned> records, Map<Planned, BlindSampleRouting.Route> blind) {
    }

    private Plan plan(List<IngestEntry> entries, boolean single, String labHeader) {
        LabDirectory labs = new RequestLabs(this.labs);
        List<Planned> planned = new ArrayList<>();
        for (IngestEntry entry : entries) {
            String prefix = single ? entry.resource().fhirType() : "Bundle.entry[" + entry.index() + "].resource";
            planned.add(new Planned(entry, prefix));
        }
        refuseForeignTypesAndMethods(planned, single);
        MemberLab submitting = submittingLab(labs, labHeader);

        Map<String, String> localRefs = new HashMap<>();
        Map<String, MemberLab> orgLabs = new HashMap<>();
        Map<String, Organization> outsideOrgs = new HashMap<>();
        for (Planned p : planned) {
            if (p.entry.resource() instanceof Organization organization) {
                Optional<MemberLab> lab = memberLabFor(labs, organization);
                for (String name : namesOf(p)) {
                    if (lab.isPresent()) {
                        orgLabs.put(name, lab.get());
                        localRefs.put(name, "Organization/" + lab.get().code());
                    } else {
                        outsideOrgs.put(name, organization);
                    }
                }
                p.lab = lab.orElse(null);
                p.id = lab.map(MemberLab::code).orElse(null);
            }
        }

        MemberLab recordLab = labOfRecords(labs, planned, submitting, orgLabs, outsideOrgs);
        Problem rules = Problem.of(422, "lab-data-rule");
        for (Planned p : planned) {
            if (p.type.equals("Organization")) {
                continue;
            }
            p.lab = recordLab;
            p.mode = "PUT".equals(p.entry.method()) ? WriteMode.UPSERT : WriteMode.CREATE;
            p.expectedVersion = p.mode == WriteMode.UPSERT ? expectedVersion(p) : null;
            assignIdentity(p, rules);
            // an entry refused for want of identity still resolves, so that the other rules are reported too
            String target = p.type + "/" + (p.id != null ? p.id : "unidentified-" + p.entry.index());
            for (String name : namesOf(p)) {
                localRefs.put(name, target);
            }
        }

        Map<String, Planned> byId = new HashMap<>();
        for (Planned p : planned) {
            if (p.id == null || p.type.equals("Organization")) {
                continue;
            }
            Planned first = byId.putIfAbsent(p.type + "/" + p.id, p);
            if (first != null) {
                rules.issue(IssueType.DUPLICATE, p.prefix, p.type + " " + p.key.token() + " appears twice in the "
                        + "request (also at " + first.prefix + "); send it once");
                p.id = null;
            }
        }

        Map<String, Patient> patientsById = new HashMap<>();
        for (Planned p : planned) {
            if (p.id != null && p.entry.resource() instanceof Patient patient) {
                patientsById.put(p.id, patient);
            }
        }
        Problem badRequest = Problem.of(400, "unresolvable-reference");
        for (Planned p : planned) {
            if (!p.type.equals("Organization")) {
                rewriteReferences(labs, p, localRefs, outsideOrgs, patientsById, rules, badRequest);
            }
        }
        throwIfAny(badRequest);

        List<Planned> records = new ArrayList<>();
        for (String type : List.of("Patient", "Specimen", "Observation", "DiagnosticReport")) {
            for (Planned p : planned) {
                if (!p.type.equals(type)) {
                    continue;
                }
                Resource resource = p.entry.resource();
                if (resource instanceof Observation observation) {
                    attributeToLab(observation, p.lab);
                }
                resource.setId(p.id == null ? null : p.type + "/" + p.id);
                resource.getMeta().setVersionIdElement(null).setLastUpdatedElement(null);
                if (resource.getMeta().isEmpty()) {
                    resource.setMeta(null);
                }
                IParser parser = fhir.newJsonParser();
                p.storedJson = parser.encodeResourceToString(resource);
                String hash = FhirValues.sha256(p.storedJson);
                p.content = switch (type) {
                    case "Patient" -> PlannedContent.patient(patients.content(p, (Patient) resource, hash));
                    case "Observation" -> PlannedContent.result(observations.content(p, (Observation) resource, hash,
                            rules, ref -> subjectIsPatientWithIdentifier(ref, patientsById, p.lab)));
                    case "Specimen" -> PlannedContent.document(DocumentKind.SPECIMEN,
                            documents.specimen(p, (Specimen) resource, hash));
                    default -> PlannedContent.document(DocumentKind.REPORT,
                            documents.report(p, (DiagnosticReport) resource, hash, rules));
                };
                if (p.id != null && p.content != null) {
                    records.add(p);
                }
            }
        }
        throwIfAny(rules);
        return new Plan(planned, records, blindSamples.routes(records));
    }

    /** A result names the member lab it belongs to: its performer, added when the LIS sent none. */
    private static void attributeToLab(Observation observation, MemberLab lab) {
        String own = "Organization/" + lab.code();
        boolean named = observation.getPerformer().stream().anyMatch(r -> own.equals(r.getReference()));
        if (!named) {
            observation.addPerformer().setReference(own).setDisplay(lab.name());
        }
    }

    private void refuseForeignTypesAndMethods(List<Planned> planned, boolean single) {
        Problem foreign = Problem.of(422, "not-lab-data");
        Problem method = Problem.of(422, "unsupported-method");
        for (Planned p : planned) {
            if (!ACCEPTED_TYPES.contains(p.type) || (single && !p.type.equals("Observation"))) {
                foreign.issue(IssueType.NOTSUPPORTED, p.prefix, p.type + " is not lab data: HuRen accepts only "
                        + "Patient, Specimen, Observation, DiagnosticReport and Organization entries");
            }
            String verb = p.entry.method();
            if (!"POST".equals(verb) && !"PUT".equals(verb)) {
                method.issue(IssueType.NOTSUPPORTED, single ? p.prefix : "Bundle.entry[" + p.entry.index()
                        + "].request.method", "HuRen accepts POST and PUT entries only, not " + verb);
            }
        }
        throwIfAny(foreign);
        throwIfAny(method);
    }

    /**
     * Lab lookups memoised for one request: a Bundle names the same few labs many times (and a lookup that finds
     * no active member is confirmed against the store by the directory, once).
     */
    private static final class RequestLabs implements LabDirectory {
        private final LabDirectory directory;
        private final Map<String, Optional<MemberLab>> byCode = new HashMap<>();
        private final Map<String, Optional<MemberLab>> byIdentifier = new HashMap<>();

        RequestLabs(LabDirectory directory) {
            this.directory = directory;
        }

        @Override
        public Optional<MemberLab> byCode(String code) {
            return byCode.computeIfAbsent(code, directory::byCode);
        }

        @Override
        public Optional<MemberLab> byIdentifier(String system, String value) {
            return byIdentifier.computeIfAbsent(system + "|" + value, k -> directory.byIdentifier(system, value));
        }

        @Override
        public List<MemberLab> all() {
            return directory.all();
        }
    }

    private MemberLab submittingLab(LabDirectory labs, String labHeader) {
        if (labHeader == null || labHeader.isBlank()) {
            throw Problem.of(403, "no-lab").issue(IssueType.FORBIDDEN, null, "the token acts for no member lab "
                    + "(claim huren_lab): results are written by a lab's LIS client").exception();
        }
        MemberLab lab = labs.byCode(labHeader.trim()).orElseThrow(() -> Problem.of(403, "unknown-lab")
                .issue(IssueType.FORBIDDEN, null, "lab '" + labHeader.trim() + "' named by the token (claim "
                        + "huren_lab) is not a member lab of any alliance")
                .exception());
        if (!lab.maySubmit()) {
            throw Problem.of(403, "not-a-member").issue(IssueType.FORBIDDEN, null, "lab " + lab.code()
                    + " has withdrawn from every alliance and may no longer submit results").exception();
        }
        return lab;
    }

    private Optional<MemberLab> memberLabFor(LabDirectory labs, Organization organization) {
        for (org.hl7.fhir.r4.model.Identifier identifier : organization.getIdentifier()) {
            if (identifier.hasValue()) {
                Optional<MemberLab> lab = labs.byIdentifier(identifier.getSystem(), identifier.getValue());
                if (lab.isPresent()) {
                    return lab;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The lab every record of the request belongs to: the submitting lab, whose token names it. A performer
     * Organization other than the submitting lab, or an unknown one, refuses the request: a performer never names
     * the lab.
     */
    private MemberLab labOfRecords(LabDirectory labs, List<Planned> planned, MemberLab submitting,
                                   Map<String, MemberLab> orgLabs,
                                   Map<String, Organization> outsideOrgs) {
        MemberLab lab = submitting;
        Problem problem = Problem.of(422, "performer-not-submitting-lab");
        for (Planned p : planned) {
            if (!(p.entry.resource() instanceof Observation observation)) {
                continue;
            }
            for (int i = 0; i < observation.getPerformer().size(); i++) {
                Reference performer = observation.getPerformer().get(i);
                String ref = performer.getReference();
                String expression = p.at("performer[" + i + "]");
                MemberLab performerLab = null;
                if (ref != null && orgLabs.containsKey(ref)) {
                    performerLab = orgLabs.get(ref);
                } else if (ref != null && ref.startsWith("Organization/")) {
                    performerLab = labs.byCode(ref.substring("Organization/".length())).orElse(null);
                    if (performerLab == null) {
                        problem.issue(IssueType.NOTFOUND, expression, "performer " + ref + " is not a lab HuRen knows");
                        continue;
                    }
                } else if (ref != null && outsideOrgs.containsKey(ref)) {
                    problem.issue(IssueType.BUSINESSRULE, expression,
                            "performer " + ref + " is not a member lab of HuRen");
                    continue;
                } else if (ref == null && performer.hasIdentifier()) {
                    performerLab = labs.byIdentifier(performer.getIdentifier().getSystem(),
                            performer.getIdentifier().getValue()).orElse(null);
                }
                if (performerLab == null) {
                    continue; // a practitioner or another kind of performer
                }
                if (!performerLab.maySubmit()) {
                    problem.issue(IssueType.FORBIDDEN, expression, "performer " + performerLab.code()
                            + " has withdrawn from every alliance and may no longer submit results");
                    continue;
                }
                if (!lab.code().equals(performerLab.code())) {
                    problem.issue(IssueType.FORBIDDEN, expression, "performer " + performerLab.code()
                            + " is not the submitting lab " + lab.code() + " (the lab the token acts for)");
                }
            }
        }
        throwIfAny(problem);
        return lab;
    }

    /** HuRen id and natural key of one entry: from the request URL, conditional criteria or the resource. */
    private void assignIdentity(Planned p, Problem problem) {
        String url = p.entry.url() == null ? "" : p.entry.url();
        if ("PUT".equals(p.entry.method()) && url.startsWith(p.type + "/")) {
            p.id = url.substring(p.type.length() + 1);
            Optional<String> type = eventStore.aggregateType(p.id);
            if (type.isEmpty() || !type.get().equals(AGGREGATE_OF.get(p.type))) {
                throw Problem.of(404, "not-found").issue(IssueType.NOTFOUND, p.prefix,
                        p.type + "/" + p.id + " is not known to HuRen; create it with POST or a conditional update")
                        .exception();
            }
            p.key = ResourceKey.ofLisResourceId(p.type + "/" + p.id);
            return;
        }
        List<ResourceKey> own = identifiersOf(p.entry.resource());
        ResourceKey condition = criteriaKey(p, url.contains("?") ? url.substring(url.indexOf('?') + 1) : null,
                conditionExpression(p));
        if (condition == null) {
            condition = criteriaKey(p, p.entry.ifNoneExist(), conditionExpression(p));
        }
        ResourceKey key = null;
        if (condition != null) {
            // the key is the resource's own identifier the condition names, spelled as the resource spells it
            ResourceKey named = condition;
            key = own.stream().filter(k -> k.value().equals(named.value())
                    && (named.system().isEmpty() || named.system().equals(k.system()))).findFirst().orElse(null);
            if (key == null) {
                problem.issue(IssueType.INVARIANT, p.at("identifier"), "the condition names identifier "
                        + condition.token() + ", which this " + p.type + " does not carry");
                return;
            }
        } else if (!own.isEmpty()) {
            key = own.get(0);
        }
        if (key == null && p.type.equals("Patient")) {
            problem.issue(IssueType.REQUIRED, p.at("identifier"),
                    "a Patient needs at least one identifier so that other members can find their results");
            return;
        }
        if (key == null && p.entry.fullUrl() != null && !p.entry.fullUrl().isBlank()) {
            key = ResourceKey.ofLisResourceId(p.entry.fullUrl());
        }
        if (key == null && p.entry.resource().hasIdElement() && p.entry.resource().getIdElement().hasIdPart()) {
            key = ResourceKey.ofLisResourceId(p.type + "/" + p.entry.resource().getIdElement().getIdPart());
        }
        if (key == null) {
            problem.issue(IssueType.REQUIRED, p.at("identifier"), (p.type.matches("[AEIOU].*") ? "an " : "a ")
                    + p.type + " needs an identifier (or, in a transaction, a fullUrl) so that a resend is recognised");
            return;
        }
        p.key = key;
        p.id = key.derivedId(p.type, p.lab.code());
    }

    /**
     * The version an update names in {@code If-Match} ({@code W/"2"}, as HuRen's ETags are, or {@code "2"}), or null
     * when it names none; 400 for an ETag that is no version.
     */
    private static Long expectedVersion(Planned p) {
        String ifMatch = p.entry.ifMatch();
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String version = ParameterUtil.parseETagValue(ifMatch.trim());
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw Problem.of(400, "invalid-if-match").issue(IssueType.VALUE, ifMatchExpression(p), "If-Match "
                    + ifMatch + " names no version of a HuRen record: send the ETag of the version read, e.g. W/\"1\"")
                    .exception();
        }
    }

    /** Where an entry's If-Match is: in a Bundle its request.ifMatch; for a single update the header (no element). */
    private static String ifMatchExpression(Planned p) {
        return p.prefix.startsWith("Bundle") ? "Bundle.entry[" + p.entry.index() + "].request.ifMatch" : null;
    }

    private static String conditionExpression(Planned p) {
        return p.prefix.startsWith("Bundle") ? "Bundle.entry[" + p.entry.index() + "].request" : p.prefix;
    }

    private ResourceKey criteriaKey(Planned p, String criteria, String expression) {
        if (criteria == null || criteria.isBlank()) {
            return null;
        }
        String query = criteria.contains("?") ? criteria.substring(criteria.indexOf('?') + 1) : criteria;
        Map<String, String[]> params = new HashMap<>(UrlUtil.parseQueryString(query));
        // how an answer is to be shaped (a client's own _format=json) selects nothing
        params.keySet().removeAll(RESULT_PARAMETERS);
        String[] identifier = params.get("identifier");
        if (identifier == null || identifier.length != 1 || params.size() != 1) {
            throw Problem.of(400, "unsupported-condition").issue(IssueType.NOTSUPPORTED, expression,
                    "conditions are supported on one identifier=system|value only, not '" + criteria + "'")
                    .exception();
        }
        String token = identifier[0];
        int bar = token.indexOf('|');
        return bar < 0 ? new ResourceKey("", token) : new ResourceKey(token.substring(0, bar), token.substring(bar + 1));
    }

    /**
     * The resource's identifiers as keys, the one to key it by first: an official one, else a usual one, else
     * the smallest — so the order in which an LIS lists them does not change the key.
     */
    private static List<ResourceKey> identifiersOf(Resource resource) {
        List<org.hl7.fhir.r4.model.Identifier> identifiers = List.of();
        if (resource instanceof Patient patient) {
            identifiers = patient.getIdentifier();
        } else if (resource instanceof Observation observation) {
            identifiers = observation.getIdentifier();
        } else if (resource instanceof Specimen specimen) {
            identifiers = new ArrayList<>(specimen.getIdentifier());
            if (specimen.hasAccessionIdentifier()) {
                identifiers.add(0, specimen.getAccessionIdentifier());
            }
        } else if (resource instanceof DiagnosticReport report) {
            identifiers = report.getIdentifier();
        }
        boolean specimenAccession = resource instanceof Specimen specimen && specimen.hasAccessionIdentifier();
        List<org.hl7.fhir.r4.model.Identifier> ordered = new ArrayList<>(identifiers.stream()
                .filter(org.hl7.fhir.r4.model.Identifier::hasValue).toList());
        if (!specimenAccession) {
            ordered.sort(java.util.Comparator.comparingInt(LabRecordIngest::identifierRank)
                    .thenComparing(i -> (i.getSystem() == null ? "" : i.getSystem()) + "|" + i.getValue()));
        }
        return ordered.stream().map(i -> new ResourceKey(i.getSystem(), i.getValue())).toList();
    }

    private static int identifierRank(org.hl7.fhir.r4.model.Identifier identifier) {
        if (!identifier.hasUse()) {
            return 2;
        }
        return switch (identifier.getUse()) {
            case OFFICIAL -> 0;
            case USUAL -> 1;
            default -> 3;
        };
    }

    private static List<String> namesOf(Planned p) {
        List<String> names = new ArrayList<>();
        if (p.entry.fullUrl() != null && !p.entry.fullUrl().isBlank()) {
            names.add(p.entry.fullUrl());
        }
        Resource resource = p.entry.resource();
        if (resource.hasIdElement() && resource.getIdElement().hasIdPart()) {
            names.add(p.type + "/" + resource.getIdElement().getIdPart());
        }
        return names;
    }

    /**
     * Points every reference at HuRen ids: to an entry of the request by its fullUrl, to an existing record
     * (checked in the event store), or — for organisations outside the alliance — to their identifier only.
     */
    private void rewriteReferences(LabDirectory labs, Planned p, Map<String, String> localRefs, Map<String, Organization> outsideOrgs,
                                   Map<String, Patient> patientsInRequest, Problem problem, Problem badRequest) {
        FhirTerser terser = fhir.newTerser();
        for (ResourceReferenceInfo info : terser.getAllResourceReferences(p.entry.resource())) {
            IBaseReference base = info.getResourceReference();
            if (!(base instanceof Reference reference) || !reference.hasReference()) {
                continue;
            }
            String ref = reference.getReference();
            String expression = p.at(info.getName());
            if (localRefs.containsKey(ref)) {
                reference.setReference(localRefs.get(ref));
            } else if (outsideOrgs.containsKey(ref)) {
                Organization organization = outsideOrgs.get(ref);
                reference.setReference(null);
                reference.setIdentifier(organization.getIdentifierFirstRep().copy());
                if (!reference.hasDisplay() && organization.hasName()) {
                    reference.setDisplay(organization.getName());
                }
            } else if (ref.startsWith("urn:")) {
                badRequest.issue(IssueType.NOTFOUND, expression,
                        "reference " + ref + " does not resolve to an entry of this Bundle");
            } else if (ref.contains("?")) {
                String type = ref.substring(0, ref.indexOf('?'));
                if (!AGGREGATE_OF.containsKey(type)) {
                    problem.issue(IssueType.NOTSUPPORTED, expression, "conditional reference " + ref
                            + " is not supported; only lab records can be referenced conditionally");
                    continue;
                }
                ResourceKey key = criteriaKey(p, ref, expression);
                String id = key.derivedId(type, p.lab.code());
                String local = type + "/" + id;
                if (localRefs.containsValue(local) || isOwnRecord(type, id, p.lab)) {
                    reference.setReference(local);
                } else {
                    problem.issue(IssueType.NOTFOUND, expression,
                            "conditional reference " + ref + " matches no " + type + " of lab " + p.lab.code());
                }
            } else {
                int slash = ref.indexOf('/');
                String type = slash > 0 ? ref.substring(0, slash) : "";
                if (AGGREGATE_OF.containsKey(type) && !ref.startsWith("http")) {
                    String id = ref.substring(slash + 1);
                    if (!isOwnRecord(type, id, p.lab)) {
                        problem.issue(IssueType.NOTFOUND, expression, "reference " + ref
                                + " is not a record of lab " + p.lab.code() + " known to HuRen");
                    }
                } else if ("Organization".equals(type) && labs.byCode(ref.substring(slash + 1)).isEmpty()) {
                    problem.issue(IssueType.NOTFOUND, expression, "reference " + ref + " is not a lab HuRen knows");
                }
            }
        }
    }

    /** A lab may only point at its own records: another lab's patient is not its patient. */
    private boolean isOwnRecord(String fhirType, String id, MemberLab lab) {
        return eventStore.labRecord(id).filter(r -> r.aggregateType().equals(AGGREGATE_OF.get(fhirType))
                && lab.code().equals(r.labId())).isPresent();
    }

    /**
     * The subject rule: a Patient of this request with an identifier, or a Patient HuRen holds (HuRen only
     * stores patients that have one).
     */
    private boolean subjectIsPatientWithIdentifier(String reference, Map<String, Patient> patientsInRequest,
                                                   MemberLab currentLab) {
        if (reference == null || !reference.startsWith("Patient/")) {
            return false;
        }
        String id = reference.substring("Patient/".length());
        Patient inRequest = patientsInRequest.get(id);
        if (inRequest != null) {
            return inRequest.getIdentifier().stream().anyMatch(org.hl7.fhir.r4.model.Identifier::hasValue);
        }
        return isOwnRecord("Patient", id, currentLab);
    }

    private static void throwIfAny(Problem problem) {
        if (!problem.isEmpty()) {
            throw problem.exception();
        }
    }

    /** Stores each write's audit record in the write's own transaction (ADR 0013). */
    public void auditWritesWith(WriteAudit audit) {
        this.writeAudit = audit;
    }

    // ---------------------------------------------------------------- dispatch (one transaction)

    /**
     * Writes the planned records in one unit of work — one database transaction. A record HuRen does not
     * hold yet is created by its aggregate's creating command (nothing to load); one it holds is answered as
     * it is for a create (FHIR conditional create), or sent to its aggregate as a revision for an update.
     * What exists is read from the event store at each attempt, so a request that lost a race with another
     * writer is retried and then finds the other's records. An update made against a version (If-Match) is checked
     * by its aggregate, against the version it holds in this very transaction: a stale one answers 412.
     */
    private IngestResult dispatch(Plan plan) {
        Map<Planned, WriteOutcome> outcomes = new HashMap<>();
        Map<String, EventStoreIndex.Head> heads = new HashMap<>();
        Map<String, Instant> recorded = new HashMap<>();
        Planned[] current = new Planned[1];
        try {
            recorded.putAll(unitsOfWork.execute(unitOfWork -> {
                current[0] = null;
                outcomes.clear();
                heads.clear();
                heads.putAll(eventStore.heads(plan.records().stream().map(p -> p.id).toList()));
                Map<String, Instant> written = WrittenAggregates.recorded(unitOfWork);
                for (Planned p : plan.records()) {
                    current[0] = p;
                    if (!heads.containsKey(p.id)) {
                        if (p.expectedVersion != null) {
                            throw Problem.of(412, "version-conflict").issue(IssueType.CONFLICT, ifMatchExpression(p),
                                    "HuRen holds no such " + p.type + " (" + p.key.token() + "): If-Match names "
                                            + "version " + p.expectedVersion + " of a record that does not exist")
                                    .exception();
                        }
                        commands.sendAndWait(p.content.creation(p.id, p.lab.code(), p.key));
                        outcomes.put(p, new WriteOutcome(p.id, Change.CREATED, 1));
                    } else if (p.mode == WriteMode.CREATE && p.content instanceof PlannedContent.Result result) {
                        outcomes.put(p, commands.sendAndWait(new ResendLabResult(p.id, p.lab.code(),
                                result.content())));
                    } else {
                        outcomes.put(p, commands.sendAndWait(
                                p.content.revision(p.id, p.lab.code(), p.expectedVersion)));
                    }
                    BlindSampleRouting.Route route = plan.blind().get(p);
                    if (route != null && outcomes.get(p).change() != Change.UNCHANGED) {
                        commands.sendAndWait(route.submission());
                    }
                }
                List<String> audited = new ArrayList<>();
                plan.records().stream().filter(p -> p.id != null && !p.type.equals("Organization"))
                        .forEach(p -> audited.add(p.type + "/" + p.id));
                writeAudit.beforeCommit(audited);
                // filled as the unit of work appends; read once it has committed
                return written;
            }));
            writeAudit.committed();
        } catch (ConcurrencyException | AggregateStreamCreationException e) {
            throw Problem.of(409, "concurrent-write").issue(IssueType.CONFLICT, null,
                    "the records were written concurrently by another request; retry").exception();
        } catch (StaleVersionException e) {
            throw Problem.of(412, e.rule()).issue(IssueType.CONFLICT, ifMatchExpression(current[0]), e)
                    .exception();
        } catch (ConflictingStateException e) {
            throw Problem.of(409, e.rule()).issue(IssueType.CONFLICT, expressionFor(current[0], e), e)
                    .exception();
        } catch (DomainRuleViolation e) {
            throw Problem.of(422, e.rule()).issue(IssueType.BUSINESSRULE, expressionFor(current[0], e), e)
                    .exception();
        }
        Set<String> aggregateIds = new LinkedHashSet<>();
        List<IngestResult.EntryResult> results = new ArrayList<>();
        for (Planned p : plan.entries()) {
            WriteOutcome outcome = outcomes.get(p);
            if (outcome == null) {
                results.add(new IngestResult.EntryResult(p.type, p.id, Change.UNCHANGED, 0, null, null));
                continue;
            }
            aggregateIds.add(p.id);
            // the version answered was recorded by this write's event, or — unchanged — by the newest one before
            Instant lastUpdated = outcome.change().appendedEvent() ? recorded.get(p.id) : heads.get(p.id).recorded();
            results.add(new IngestResult.EntryResult(p.type, p.id, outcome.change(), outcome.version(), lastUpdated,
                    p.storedJson));
        }
        // what the write caused in its transaction — a blind result's grading, the patient links — is part of it:
        // a reader awaiting the position sees it too
        aggregateIds.addAll(recorded.keySet());
        long position = aggregateIds.isEmpty() ? -1 : eventStore.latestPosition(aggregateIds);
        return new IngestResult(results, position);
    }

    /** The violation's field ({@code Observation.status}) placed at the entry that broke the rule. */
    private static String expressionFor(Planned p, DomainRuleViolation e) {
        String field = e.field();
        if (p == null || field == null) {
            return field;
        }
        return field.startsWith(p.type) ? p.prefix + field.substring(p.type.length()) : field;
    }
}
