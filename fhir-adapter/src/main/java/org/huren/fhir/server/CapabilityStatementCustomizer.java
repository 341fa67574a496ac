package org.huren.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.server.ResourceBinding;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.method.SearchMethodBinding;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Adds to HAPI's generated CapabilityStatement what the annotations cannot say: that HuRen keeps lab data
 * only, how the submitting lab is named, and how reads wait for writes. And keeps it exactly true: HAPI declares
 * {@code _include=*} and every reference parameter for a search that takes no {@code _include}, and no
 * {@code _sort}; here each resource declares the {@code _include}/{@code _revinclude} values its search method
 * allows (anything else is 400) and the {@code _sort} parameters {@link SearchResultParameters} honours.
 */
@Interceptor
public class CapabilityStatementCustomizer {

    static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private final boolean fullValidation;
    private final Function<String, Map<String, String>> oauthEndpoints;

    /**
     * @param oauthEndpoints the authorization server's endpoints ({@code authorization_endpoint},
     *                       {@code token_endpoint}, … as in SMART discovery) for a FHIR server reached at a base URL
     */
    public CapabilityStatementCustomizer(boolean fullValidation, Function<String, Map<String, String>> oauthEndpoints) {
        this.fullValidation = fullValidation;
        this.oauthEndpoints = oauthEndpoints;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void customize(IBaseConformance conformance, RequestDetails request) {
        CapabilityStatement statement = (CapabilityStatement) conformance;
        statement.setName("HuRen").setTitle("HuRen (互认) lab-result mutual recognition server")
                .setPublisher("HuRen")
                .setDescription("Keeps lab data only: Patient, Specimen, Observation (laboratory results) and "
                        + "DiagnosticReport (lab reports), plus Organization entries naming member labs.");
        CapabilityStatement.CapabilityStatementRestComponent rest = statement.getRestFirstRep();
        if (rest.getInteraction().stream().noneMatch(i -> i.getCode()
                == CapabilityStatement.SystemRestfulInteraction.BATCH)) {
            rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.BATCH)
                    .setDocumentation("each entry on its own, with its own status");
        }
        rest.setDocumentation(String.join("\n",
                "Transactions (POST [base] or [base]/) are all or nothing and may hold only Patient, Specimen, "
                        + "Observation, DiagnosticReport and Organization entries with POST or PUT requests; any "
                        + "other resource type refuses the whole Bundle (422) naming the entries. Batches are "
                        + "processed entry by entry.",
                "Every request but this CapabilityStatement carries an OAuth2 bearer token (SMART on FHIR; see "
                        + "rest.security and [base]/.well-known/smart-configuration). The submitting lab is the "
                        + "member lab the token acts for (claim huren_lab); no header or performer names it, and a "
                        + "performer Organization, when given, must be that lab.",
                "Every write answer carries header " + HurenHeaders.EVENT_POSITION + ", a position that covers "
                        + "everything the write caused (patient links included); a request sent with "
                        + HurenHeaders.AWAIT_POSITION + " (and optionally " + HurenHeaders.AWAIT_MILLIS
                        + ") waits until the read models it reads have processed that position, or answers 503.",
                "Conditional create (If-None-Exist) and conditional update are supported on "
                        + "identifier=system|value only (_format and other parameters that shape an answer are "
                        + "ignored there). Resources are identified by (lab, identifier), or by "
                        + "(lab, fullUrl/LIS id) when they carry no identifier; a resend is not a new resource.",
                "Every change of a lab record is a version, kept as the event that made it: vread "
                        + "([type]/[id]/_history/[version]) and instance history ([type]/[id]/_history) serve each "
                        + "one as stored; meta.versionId, meta.lastUpdated and the ETag agree in every answer. An "
                        + "update with If-Match W/\"n\" (in a transaction: request.ifMatch) is refused with 412 "
                        + "unless version n is the current one.",
                "Incoming resources are parsed strictly; " + (fullValidation
                        ? "each request is also validated with the R4 instance validator."
                        : "the R4 instance validator is off (server setting huren.fhir.validation=full turns it on).")));
        security(rest, request);
        for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
            declareIncludesAndSorts(resource, request);
            switch (resource.getType()) {
                case "Observation" -> resource.setDocumentation("Laboratory results only: an Observation whose "
                        + "category (observation-category) is not laboratory — vital-signs, survey, exam … — is "
                        + "refused; one with no category is taken as a lab result. Required: status, a coding in "
                        + "code with a system — LOINC, or the lab's own item code, which its code map (ConceptMap) "
                        + "translates: the LOINC coding is added on reads, an unmapped one is stored with meta.tag "
                        + "unmapped and never recognized —, a UCUM unit (system http://unitsofmeasure.org) on valueQuantity, and a "
                        + "subject Patient with at least one identifier. status=entered-in-error on update "
                        + "retracts the result; changed content on update is a correction. Every returned "
                        + "Observation carries a recognition tag per alliance (system "
                        + "https://huren.org/fhir/CodeSystem/recognition: recognized, pending, withdrawn, "
                        + "not-recognized); _tag searches them (and suspended-member); $recognition explains them. "
                        + "IQC control runs: POST Observation with category " + IqcControlRuns.CATEGORY_SYSTEM + "|"
                        + IqcControlRuns.CONTROL + ", identifier = run id, effectiveDateTime = run time, code = "
                        + "the item's LOINC, one component per control level (code = level, e.g. L1; "
                        + "valueQuantity); one run per request, evaluated against the Westgard rules at once. "
                        + "EQA results: $eqa-result (specimen.identifier system " + EqaResults.SAMPLE_SYSTEM
                        + " = the sample code).");
                case "Patient" -> resource.setDocumentation("Written inside transactions; needs at least one "
                        + "identifier. Found by any identifier the lab sent, except one an alliance's QC manager "
                        + "unlinked the record from (this record is not that person); by name (the start of any "
                        + "part of any name the lab sent, case ignored; name:exact a whole part), birthdate and "
                        + "gender. A clinician names the patient: identifier, _id, or name and birthdate together.");
                case "DiagnosticReport" -> resource.setDocumentation("Lab reports (category v2-0074 LAB and "
                        + "lab sections, or none); written inside transactions. date is effective[x].");
                case "Specimen" -> resource.setDocumentation("Written inside transactions; keyed by accession "
                        + "identifier; identifier finds the accession number or any other identifier.");
                case "Organization" -> resource.setDocumentation("Member labs of the alliances; id is the lab's "
                        + "HuRen code. Search by name (institution) and identifier.");
                case "CodeSystem" -> resource.setDocumentation("Each alliance's recognition catalog, "
                        + "id huren-catalog-<alliance>; _at=<date> gives the catalog in force on that date.");
                case "ConceptMap" -> resource.setDocumentation("Each member lab's map of its local item codes to "
                        + "the catalog's LOINC codes, one per code system, versioned by change (ADR 0017); "
                        + "$translate answers what a local code stands for on a day (date, default today).");
                default -> {
                }
            }
        }
    }

    /**
     * HAPI derives an OperationDefinition's affectsState from whether the operation may be called with GET.
     * {@code $reusable} may — a GET only asks —, yet a POST records the lookup (调阅) and its reminder as events: it
     * affects state.
     */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean operationDefinition(ResponseDetails response) {
        if (response.getResponseResource() instanceof OperationDefinition definition
                && "reusable".equals(definition.getCode())) {
            definition.setAffectsState(true);
        }
        return true;
    }

    /**
     * The {@code _include} and {@code _revinclude} values the resource's search methods allow, instead of HAPI's
     * guesses, and {@code _sort} (a search result parameter, declared as a {@code special} search parameter naming
     * the values it takes) where a search honours it.
     */
    private static void declareIncludesAndSorts(CapabilityStatementRestResourceComponent resource,
                                                RequestDetails request) {
        Set<String> includes = new TreeSet<>();
        Set<String> revIncludes = new TreeSet<>();
        if (request != null && request.getServer() instanceof RestfulServer server) {
            for (ResourceBinding binding : server.getResourceBindings()) {
                if (binding.getResourceName().equals(resource.getType())) {
                    binding.getMethodBindings().stream().filter(SearchMethodBinding.class::isInstance)
                            .forEach(search -> {
                                includes.addAll(search.getIncludes());
                                revIncludes.addAll(search.getRevIncludes());
                            });
                }
            }
        }
        resource.setSearchInclude(null);
        includes.forEach(resource::addSearchInclude);
        resource.setSearchRevInclude(null);
        revIncludes.forEach(resource::addSearchRevInclude);
        Set<String> sorts = SearchResultParameters.sortsOf(resource.getType());
        if (!sorts.isEmpty()) {
            resource.addSearchParam().setName(Constants.PARAM_SORT)
                    .setType(Enumerations.SearchParamType.SPECIAL)
                    .setDocumentation("values: " + String.join(", ", sorts) + "; ascending, or descending with a "
                            + "leading - (e.g. -date), several separated by commas; a record without the value sorts "
                            + "last ascending, first descending; ties, and a search without _sort, in first-seen order");
        }
    }

    /** SMART on FHIR: the service, and the OAuth2 endpoints a client gets its token from. */
    private void security(CapabilityStatement.CapabilityStatementRestComponent rest, RequestDetails request) {
        CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
        security.setCors(true).setDescription("OAuth2 bearer tokens (JWT). LIS clients: client credentials "
                + "(SMART Backend Services style, system/ scopes); people: authorization code with PKCE (user/ "
                + "scopes). What a token may do comes from its huren_roles, huren_lab and huren_alliances claims.");
        security.getServiceFirstRep().addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/restful-security-service").setCode("SMART-on-FHIR");
        String base = request == null ? null : request.getFhirServerBase();
        if (base == null) {
            return;
        }
        Map<String, String> endpoints = oauthEndpoints.apply(base);
        // R4's definition of the extension has authorize, token, register and manage only (HAPI's validator refuses
        // others); the revocation and introspection endpoints are in SMART discovery
        Extension uris = security.addExtension().setUrl(OAUTH_URIS);
        addUri(uris, "authorize", endpoints.get("authorization_endpoint"));
        addUri(uris, "token", endpoints.get("token_endpoint"));
    }

    private static void addUri(Extension uris, String name, String uri) {
        if (uri != null) {
            uris.addExtension(name, new UriType(uri));
        }
    }
}
