package org.huren.fhir.server;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.huren.domain.localcode.LocalCodeResolution;
import org.huren.domain.localcode.MappingVersion;
import org.huren.domain.localcode.query.CodeMapView;
import org.huren.domain.localcode.query.GetCodeMaps;
import org.huren.domain.localcode.query.MappedCodeView;
import org.huren.domain.localcode.query.MappingChangeView;
import org.huren.domain.query.SearchTotal;
import org.huren.fhir.read.SearchPage;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Labs' code maps of their local item codes as FHIR ConceptMaps (ADR 0017): one per lab and code system, id and
 * version those of the map (a version per change), each code's newest mapping to LOINC — the lab's unit as
 * {@code dependsOn}, the catalog item as {@code product}, the day it takes effect in a comment and an extension.
 * Read, search and {@code $translate} (what a local code stands for on a day, default today). A caller sees the
 * maps of the labs whose records it sees ({@link FhirAccess}): a lab's LIS and staff their own lab's, QC roles those
 * of their alliances' labs.
 */
public class ConceptMapResourceProvider implements IResourceProvider {

    public static final String URL_BASE = "https://huren.org/fhir/ConceptMap/";
    /**
     * The user-data key under which a code map keeps its lab's code, for the output layer that words the title in
     * the client's language (the title written here is the English fallback).
     */
    public static final String TITLE_LAB = "huren.code-map.lab";
    /** The day a mapping takes effect (a date in China Standard Time). */
    public static final String EFFECTIVE_FROM = "https://huren.org/fhir/StructureDefinition/mapping-effective-from";
    /** The member lab whose codes a map translates. */
    public static final String LAB = "https://huren.org/fhir/StructureDefinition/code-map-lab";
    /** The UCUM unit the lab reports a code in ({@code dependsOn.property}). */
    public static final String UNIT_PROPERTY = "https://huren.org/fhir/ConceptMap/property/unit";
    /** The catalog item a code stands for ({@code product.property}). */
    public static final String ITEM_PROPERTY = "https://huren.org/fhir/ConceptMap/property/catalog-item";
    private static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final ZoneId LAB_ZONE = ZoneId.of("Asia/Shanghai");

    private final QueryGateway queries;
    private final FhirAccess access;

    public ConceptMapResourceProvider(QueryGateway queries, FhirAccess access) {
        this.queries = queries;
        this.access = access;
    }

    @Override
    public Class<ConceptMap> getResourceType() {
        return ConceptMap.class;
    }

    @Read
    public ConceptMap read(@IdParam IdType id, RequestDetails request) {
        return maps(request, id.getIdPart()).stream().findFirst().map(ConceptMapResourceProvider::toConceptMap)
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam id,
                                  @OptionalParam(name = ConceptMap.SP_URL) UriParam url,
                                  @OptionalParam(name = ConceptMap.SP_SOURCE_SYSTEM) UriParam sourceSystem,
                                  @OptionalParam(name = ConceptMap.SP_SOURCE_CODE) TokenParam sourceCode,
                                  @OptionalParam(name = ConceptMap.SP_TARGET_CODE) TokenParam targetCode,
                                  @Offset Integer offset, @Count Integer count, RequestDetails request) {
        List<String> ids = ObservationResourceProvider.ids(id);
        List<Resource> matches = new ArrayList<>();
        for (CodeMapView map : maps(request, null)) {
            if ((ids.isEmpty() || ids.contains(map.codeMapId()))
                    && (url == null || url.getValue().equals(URL_BASE + map.codeMapId()))
                    && (sourceSystem == null || sourceSystem.getValue().equals(map.system()))
                    && (sourceCode == null || map.codes().stream().anyMatch(c -> c.code().equals(sourceCode.getValue())))
                    && (targetCode == null || map.codes().stream().anyMatch(c -> "MAPPED".equals(c.status())
                    && targetCode.getValue().equals(c.loinc())))) {
                matches.add(toConceptMap(map));
            }
        }
        SearchPage page = SearchPage.of(offset, count, request);
        List<Resource> window = matches.subList(Math.min(page.offset(), matches.size()),
                Math.min(page.offset() + page.size(), matches.size()));
        return page.bundle(window, List.of(), page.total() == SearchTotal.NONE ? null : (long) matches.size());
    }

    /**
     * What a lab's local code stands for: in the map named by the id (instance level), by {@code url}, or in any map
     * of the code's system the caller sees; in the version {@code conceptMapVersion} (default: the newest) and on day
     * {@code date} (default today, China Standard Time). A match per target: the LOINC code and the catalog item.
     */
    @Operation(name = "$translate", idempotent = true, returnParameters = {
            @OperationParam(name = "result", type = BooleanType.class, min = 1, max = 1),
            @OperationParam(name = "message", type = StringType.class, max = 1),
            @OperationParam(name = "match", max = OperationParam.MAX_UNLIMITED)})
    public Parameters translate(@IdParam(optional = true) IdType id,
                               @OperationParam(name = "url") UriType url,
                               @OperationParam(name = "conceptMapVersion") StringType conceptMapVersion,
                               @OperationParam(name = "code") CodeType code,
                               @OperationParam(name = "system") UriType system,
                               @OperationParam(name = "coding") Coding coding,
                               @OperationParam(name = "codeableConcept") CodeableConcept codeableConcept,
                               @OperationParam(name = "targetsystem") UriType targetSystem,
                               @OperationParam(name = "reverse") BooleanType reverse,
                               @OperationParam(name = "date") DateType date,
                               RequestDetails request) {
        if (reverse != null && reverse.booleanValue()) {
            throw Problem.of(400, "unsupported-parameter").issue(IssueType.NOTSUPPORTED, "reverse",
                    "$translate translates a lab's local code to the catalog; reverse=true is not supported")
                    .exception();
        }
        List<Coding> asked = new ArrayList<>();
        if (code != null && code.hasValue()) {
            asked.add(new Coding(system == null ? null : system.getValue(), code.getValue(), null));
        }
        if (coding != null && coding.hasCode()) {
            asked.add(coding);
        }
        if (codeableConcept != null) {
            codeableConcept.getCoding().stream().filter(Coding::hasCode).forEach(asked::add);
        }
        if (asked.isEmpty()) {
            throw Problem.of(400, "missing-parameter").issue(IssueType.REQUIRED, "code",
                    "$translate needs the code to translate: code (with system), coding or codeableConcept")
                    .exception();
        }
        String target = targetSystem == null ? null : targetSystem.getValue();
        LocalDate day = date == null || date.getValue() == null ? LocalDate.now(LAB_ZONE)
                : LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
        String mapId = id != null && id.hasIdPart() ? id.getIdPart() : null;
        List<CodeMapView> maps = maps(request, mapId);
        if (mapId != null && maps.isEmpty()) {
            throw new ResourceNotFoundException(id);
        }
        Parameters answer = new Parameters();
        List<String> notes = new ArrayList<>();
        for (CodeMapView map : maps) {
            if (url != null && !url.getValue().equals(URL_BASE + map.codeMapId())) {
                continue;
            }
            Integer version = conceptMapVersion == null ? null : version(conceptMapVersion.getValue());
            if (version != null && version > map.version()) {
                notes.add(map.codeMapId() + " has no version " + version + " (newest: " + map.version() + ")");
                continue;
            }
            for (Coding source : asked) {
                if (source.hasSystem() && !source.getSystem().equals(map.system())) {
                    continue;
                }
                translate(map, source.getCode(), version, day, target, answer, notes);
            }
        }
        boolean matched = answer.getParameter().stream().anyMatch(p -> p.getName().equals("match"));
        answer.getParameter().add(0, new Parameters.ParametersParameterComponent().setName("result")
                .setValue(new BooleanType(matched)));
        if (!matched) {
            answer.addParameter().setName("message").setValue(new StringType(notes.isEmpty()
                    ? "no code map the caller sees translates " + describe(asked)
                    : String.join("; ", notes)));
        }
        return answer;
    }

    private static void translate(CodeMapView map, String code, Integer version, LocalDate day, String target,
                                  Parameters answer, List<String> notes) {
        Optional<MappedCodeView> mapped = map.codes().stream().filter(c -> c.code().equals(code)).findFirst();
        if (mapped.isEmpty()) {
            notes.add(map.system() + "|" + code + " is not in the code map of " + map.labCode());
            return;
        }
        List<MappingVersion> versions = mapped.get().history().stream()
                .filter(c -> version == null || c.mapVersion() <= version)
                .map(c -> new MappingVersion(map.codeMapId(), c.mapVersion(), c.effectiveFrom(), c.retroactive(),
                        c.itemCode(), c.loinc(), c.itemName(), c.eventId())).toList();
        Optional<MappingVersion> inForce = LocalCodeResolution.inForce(versions, day);
        if (inForce.isEmpty()) {
            notes.add(map.system() + "|" + code + " of " + map.labCode() + " maps to nothing on " + day
                    + (version == null ? "" : " in version " + version));
            return;
        }
        MappingVersion mapping = inForce.get();
        MappingChangeView change = mapped.get().history().stream().filter(c -> c.mapVersion() == mapping.mapVersion())
                .findFirst().orElseThrow();
        if (target == null || target.equals(LOINC)) {
            match(answer, new Coding(LOINC, mapping.loinc(), mapping.itemName()), map);
        }
        String catalog = change.allianceId() == null ? null
                : CatalogCodeSystemProvider.URL_BASE + change.allianceId();
        if (catalog != null && (target == null || target.equals(catalog))) {
            match(answer, new Coding(catalog, mapping.itemCode(), mapping.itemName()), map);
        }
        if (target != null && !target.equals(LOINC) && !target.equals(catalog)) {
            notes.add(map.codeMapId() + " maps to " + LOINC + (catalog == null ? "" : " and " + catalog)
                    + ", not to " + target);
        }
    }

    private static void match(Parameters answer, Coding concept, CodeMapView map) {
        Parameters.ParametersParameterComponent match = answer.addParameter().setName("match");
        match.addPart().setName("equivalence").setValue(new CodeType("equivalent"));
        match.addPart().setName("concept").setValue(concept);
        match.addPart().setName("source").setValue(new UriType(URL_BASE + map.codeMapId()));
    }

    private static Integer version(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw Problem.of(400, "invalid-parameter").issue(IssueType.INVALID, "conceptMapVersion",
                    "conceptMapVersion is a code map version: 1, 2, 3 … not '" + text + "'").exception();
        }
    }

    private static String describe(List<Coding> codings) {
        return String.join(", ", codings.stream().map(c -> (c.hasSystem() ? c.getSystem() + "|" : "") + c.getCode())
                .toList());
    }

    /** The maps of the labs whose records the caller sees (one, when {@code codeMapId} is given). */
    private List<CodeMapView> maps(RequestDetails request, String codeMapId) {
        FhirAccess.View view = access.view(request);
        return queries.query(new GetCodeMaps(view.labs() == null ? null : List.copyOf(view.labs()), codeMapId),
                ResponseTypes.multipleInstancesOf(CodeMapView.class)).join();
    }

    static ConceptMap toConceptMap(CodeMapView map) {
        ConceptMap conceptMap = new ConceptMap();
        conceptMap.setId(new IdType("ConceptMap", map.codeMapId(), Integer.toString(map.version())));
        conceptMap.getMeta().setVersionId(Integer.toString(map.version()))
                .setLastUpdated(Date.from(map.updatedAt()));
        conceptMap.addExtension(LAB, new Reference("Organization/" + map.labCode()));
        conceptMap.setUrl(URL_BASE + map.codeMapId());
        conceptMap.setVersion(Integer.toString(map.version()));
        conceptMap.setName("LocalCodes_" + (map.labCode() + "_" + map.codeMapId().substring(map.codeMapId()
                .length() - 10)).replaceAll("[^A-Za-z0-9_]", "_"));
        conceptMap.setTitle(map.labCode() + " local item codes → LOINC");
        conceptMap.setUserData(TITLE_LAB, map.labCode());
        conceptMap.setStatus(Enumerations.PublicationStatus.ACTIVE);
        conceptMap.setDate(Date.from(map.updatedAt()));
        conceptMap.setPublisher(map.labCode());
        conceptMap.setDescription("The item codes of lab " + map.labCode() + " (" + map.system() + ") mapped to the "
                + "LOINC codes of the recognition catalog's items: each code's newest mapping, with the lab's unit "
                + "(dependsOn), the catalog item (product) and the day it takes effect (" + EFFECTIVE_FROM + ").");
        ConceptMap.ConceptMapGroupComponent group = conceptMap.addGroup().setSource(map.system()).setTarget(LOINC);
        for (MappedCodeView code : map.codes()) {
            ConceptMap.SourceElementComponent element = group.addElement().setCode(code.code())
                    .setDisplay(code.display());
            ConceptMap.TargetElementComponent target = element.addTarget();
            if ("RETIRED".equals(code.status())) {
                target.setEquivalence(Enumerations.ConceptMapEquivalence.UNMATCHED)
                        .setComment("retired from " + code.retiredFrom() + ": " + code.retireReason());
                target.addExtension(EFFECTIVE_FROM, new DateType(code.retiredFrom().toString()));
                continue;
            }
            target.setCode(code.loinc()).setDisplay(code.itemName())
                    .setEquivalence(Enumerations.ConceptMapEquivalence.EQUIVALENT)
                    .setComment("catalog item " + code.itemCode() + " (" + code.catalogUnit() + "); the lab reports "
                            + "it in " + code.unit() + "; from " + code.effectiveFrom()
                            + (code.retroactive() ? ", also for earlier results (retroactive)" : ""));
            target.addExtension(EFFECTIVE_FROM, new DateType(code.effectiveFrom().toString()));
            target.addDependsOn().setProperty(UNIT_PROPERTY).setSystem(UCUM).setValue(code.unit());
            target.addProduct().setProperty(ITEM_PROPERTY).setValue(code.itemCode()).setSystem(
                    code.allianceId() == null ? null : CatalogCodeSystemProvider.URL_BASE + code.allianceId());
        }
        return conceptMap;
    }
}
