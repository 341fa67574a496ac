package org.huren.fhir.server;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.huren.domain.alliance.query.AllianceView;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.alliance.query.GetCatalog;
import org.huren.domain.alliance.query.ListAlliances;
import org.huren.domain.catalog.AlternativeCode;
import org.huren.domain.catalog.CatalogItem;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Each alliance's recognition catalog (互认项目目录) as a FHIR CodeSystem {@code huren-catalog-<alliance>}: one
 * concept per item, with its LOINC codes, canonical UCUM unit, allowable error, IQC limits and validity
 * window as properties (ADR 0003). {@code _at} (a date) gives the catalog as it stood then.
 */
public class CatalogCodeSystemProvider implements IResourceProvider {

    public static final String URL_BASE = "https://huren.org/fhir/CodeSystem/catalog/";
    /**
     * The user-data key under which a catalog keeps its alliance's name, for the output layer that words the title
     * in the client's language (the title written here is the English fallback).
     */
    public static final String TITLE_ALLIANCE = "huren.catalog.alliance-name";
    private static final String ID_PREFIX = "huren-catalog-";

    private final QueryGateway queries;

    public CatalogCodeSystemProvider(QueryGateway queries) {
        this.queries = queries;
    }

    @Override
    public Class<CodeSystem> getResourceType() {
        return CodeSystem.class;
    }

    /** The catalog now, or — with {@code _at=yyyy-mm-dd} — as it stood on that day. */
    @Read
    public CodeSystem read(@IdParam IdType id, ca.uhn.fhir.rest.api.server.RequestDetails request) {
        String[] at = request.getParameters().get("_at");
        LocalDate asOf = at == null || at.length == 0 ? null : asOf(at[0]);
        String idPart = id.getIdPart();
        if (!idPart.startsWith(ID_PREFIX)) {
            throw new ResourceNotFoundException(id);
        }
        String allianceId = idPart.substring(ID_PREFIX.length());
        return alliances().stream().filter(a -> a.allianceId().equals(allianceId)).findFirst()
                .map(a -> toCodeSystem(a, asOf)).orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<CodeSystem> search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam id,
                                   @OptionalParam(name = CodeSystem.SP_URL) UriParam url,
                                   @OptionalParam(name = "_at") DateParam at) {
        if (at != null && at.getPrefix() != null && at.getPrefix() != ca.uhn.fhir.rest.param.ParamPrefixEnum.EQUAL) {
            throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException(
                    "_at takes a plain date (yyyy-mm-dd), without a prefix");
        }
        LocalDate asOf = at == null ? null : asOf(at.getValueAsString());
        List<String> ids = ObservationResourceProvider.ids(id);
        List<CodeSystem> result = new ArrayList<>();
        for (AllianceView alliance : alliances()) {
            if ((url == null || url.getValue().equals(URL_BASE + alliance.allianceId()))
                    && (ids.isEmpty() || ids.contains(ID_PREFIX + alliance.allianceId()))) {
                result.add(toCodeSystem(alliance, asOf));
            }
        }
        return result;
    }

    private static LocalDate asOf(String text) {
        if (text == null || !text.matches("\\d{4}-\\d{2}-\\d{2}(T.*)?")) {
            throw Problem.of(400, "invalid-date").issue(org.hl7.fhir.r4.model.OperationOutcome.IssueType.INVALID,
                    "_at", "_at takes a plain date (yyyy-mm-dd), not '" + text + "'").exception();
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (java.time.format.DateTimeParseException e) {
            throw Problem.of(400, "invalid-date").issue(org.hl7.fhir.r4.model.OperationOutcome.IssueType.INVALID,
                    "_at", "_at: '" + text + "' is not a calendar date").exception();
        }
    }

    private List<AllianceView> alliances() {
        return queries.query(new ListAlliances(), ResponseTypes.multipleInstancesOf(AllianceView.class)).join();
    }

    private CodeSystem toCodeSystem(AllianceView alliance, LocalDate asOf) {
        List<CatalogItemView> items = queries.query(new GetCatalog(alliance.allianceId(), asOf, false),
                ResponseTypes.multipleInstancesOf(CatalogItemView.class)).join();
        CodeSystem system = new CodeSystem();
        system.setId(new IdType("CodeSystem", ID_PREFIX + alliance.allianceId()));
        system.setUrl(URL_BASE + alliance.allianceId());
        system.setName("HuRenCatalog_" + alliance.allianceId().replaceAll("[^A-Za-z0-9]", "_"));
        system.setTitle(alliance.name() + " recognition catalog");
        system.setUserData(TITLE_ALLIANCE, alliance.name());
        system.setStatus(PublicationStatus.ACTIVE);
        system.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        system.setCaseSensitive(true);
        system.setDescription("Recognition catalog of alliance " + alliance.name() + " as of "
                + (asOf == null ? "today" : asOf) + ": items whose results member labs may reuse.");
        property(system, "loinc", "LOINC code the item is reported under (primary first)", CodeSystem.PropertyType.CODE);
        property(system, "ucum", "canonical UCUM unit", CodeSystem.PropertyType.CODE);
        property(system, "alternative", "other LOINC:unit:factor (value × factor = canonical)",
                CodeSystem.PropertyType.STRING);
        property(system, "tea-absolute", "allowable total error, absolute", CodeSystem.PropertyType.DECIMAL);
        property(system, "tea-percent", "allowable total error, percent", CodeSystem.PropertyType.DECIMAL);
        property(system, "cv-max-percent", "maximum IQC CV, percent", CodeSystem.PropertyType.DECIMAL);
        property(system, "bias-max-percent", "maximum bias, percent", CodeSystem.PropertyType.DECIMAL);
        property(system, "validity-days", "validity window of a recognized result, days",
                CodeSystem.PropertyType.INTEGER);
        property(system, "limit-set", "source of the limits", CodeSystem.PropertyType.STRING);
        property(system, "version", "catalog version of the item in force", CodeSystem.PropertyType.INTEGER);
        property(system, "plausible-low", "lowest value a patient can plausibly have, canonical unit",
                CodeSystem.PropertyType.DECIMAL);
        property(system, "plausible-high", "highest value a patient can plausibly have, canonical unit",
                CodeSystem.PropertyType.DECIMAL);
        for (CatalogItemView view : items) {
            CatalogItem item = view.item();
            CodeSystem.ConceptDefinitionComponent concept = system.addConcept().setCode(item.code())
                    .setDisplay(item.nameEn());
            if (item.nameZh() != null) {
                concept.addDesignation().setLanguage("zh").setValue(item.nameZh());
            }
            for (String loinc : item.loincCodes()) {
                concept.addProperty().setCode("loinc").setValue(new CodeType(loinc));
            }
            concept.addProperty().setCode("ucum").setValue(new CodeType(item.ucumUnit()));
            for (AlternativeCode alternative : item.alternatives()) {
                concept.addProperty().setCode("alternative").setValue(new StringType(alternative.loinc() + ":"
                        + alternative.ucumUnit() + ":" + alternative.factor().toPlainString()));
            }
            if (item.allowableError().absolute() != null) {
                concept.addProperty().setCode("tea-absolute").setValue(new DecimalType(item.allowableError().absolute()));
            }
            if (item.allowableError().percent() != null) {
                concept.addProperty().setCode("tea-percent").setValue(new DecimalType(item.allowableError().percent()));
            }
            if (item.cvMaxPercent() != null) {
                concept.addProperty().setCode("cv-max-percent").setValue(new DecimalType(item.cvMaxPercent()));
            }
            if (item.biasMaxPercent() != null) {
                concept.addProperty().setCode("bias-max-percent").setValue(new DecimalType(item.biasMaxPercent()));
            }
            concept.addProperty().setCode("validity-days").setValue(new IntegerType(item.validityDays()));
            if (item.limitSet() != null) {
                concept.addProperty().setCode("limit-set").setValue(new StringType(item.limitSet()));
            }
            concept.addProperty().setCode("version").setValue(new IntegerType(view.version()));
            if (item.plausibleRange() != null) {
                concept.addProperty().setCode("plausible-low").setValue(new DecimalType(item.plausibleRange().low()));
                concept.addProperty().setCode("plausible-high")
                        .setValue(new DecimalType(item.plausibleRange().high()));
            }
        }
        system.setCount(system.getConcept().size());
        return system;
    }

    private static void property(CodeSystem system, String code, String description, CodeSystem.PropertyType type) {
        system.addProperty().setCode(code).setDescription(description).setType(type);
    }
}
