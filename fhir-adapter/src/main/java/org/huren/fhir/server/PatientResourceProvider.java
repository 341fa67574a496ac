package org.huren.fhir.server;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.StringOrListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.huren.domain.query.ResourcePage;
import org.huren.domain.query.SearchPatients;
import org.huren.fhir.read.LabRecordReads;
import org.huren.fhir.read.SearchPage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Patients as labs sent them; read, and found by identifier, name, birth date and gender. Written only inside
 * transactions.
 */
public class PatientResourceProvider implements IResourceProvider {

    private final LabRecordReads reads;
    private final FhirAccess access;
    private final SearchIncludes includes;

    public PatientResourceProvider(LabRecordReads reads, FhirAccess access) {
        this.reads = reads;
        this.access = access;
        this.includes = new SearchIncludes(reads);
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    /** {@code GET Patient/{id}} and, with a version, {@code GET Patient/{id}/_history/{version}} (vread). */
    @Read(version = true)
    public Resource read(@IdParam IdType id, ca.uhn.fhir.rest.api.server.RequestDetails request) {
        return access.read(reads, "Patient", id, request);
    }

    /** {@code GET Patient/{id}/_history[?_since=]}: every version HuRen holds, newest first. */
    @History
    public List<Resource> history(@IdParam IdType id, @Since InstantType since,
                                  ca.uhn.fhir.rest.api.server.RequestDetails request) {
        return access.history(reads, "Patient", id, since, request);
    }

    /**
     * Patients by {@code _id}, any identifier the lab sent, {@code name} (the start of any name part, case ignored;
     * {@code name:exact} a whole part), {@code birthdate} and {@code gender}; {@code _revinclude=Observation:patient}
     * adds their results. A clinician names the patient: by {@code _id}, identifier, or name and birth date together.
     */
    @Search
    public IBundleProvider search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam id,
                                  @OptionalParam(name = Patient.SP_IDENTIFIER) TokenOrListParam identifier,
                                  @OptionalParam(name = Patient.SP_NAME) StringOrListParam name,
                                  @OptionalParam(name = Patient.SP_BIRTHDATE) DateRangeParam birthdate,
                                  @OptionalParam(name = Patient.SP_GENDER) TokenOrListParam gender,
                                  @IncludeParam(reverse = true, allow = {"Observation:patient"})
                                  Set<Include> revIncludes,
                                  @Offset Integer offset, @Count Integer count,
                                  RequestDetails request) {
        FhirAccess.View view = access.view(request);
        List<String> ids = ObservationResourceProvider.ids(id);
        List<String> identifiers = ObservationResourceProvider.tokens(identifier);
        List<String> names = new ArrayList<>();
        List<String> exactNames = new ArrayList<>();
        if (name != null) {
            for (StringParam part : name.getValuesAsQueryTokens()) {
                if (part.isContains()) {
                    throw Problem.of(400, "unsupported-modifier").issue(IssueType.NOTSUPPORTED, "name",
                            "name:contains is not supported: name matches the start of a name part, name:exact a "
                                    + "whole one").exception();
                }
                (part.isExact() ? exactNames : names).add(part.getValue());
            }
        }
        List<String> genders = gender == null ? List.of() : gender.getValuesAsQueryTokens().stream()
                .map(TokenParam::getValue).map(code -> code.toLowerCase(Locale.ROOT)).toList();
        if (view.byPatientOnly() && ids.isEmpty() && identifiers.isEmpty()
                && (names.isEmpty() && exactNames.isEmpty() || birthdate == null)) {
            throw FhirAccess.forbidden("a clinician finds a patient by identifier, by _id, or by name and birthdate "
                    + "together");
        }
        SearchPage window = SearchPage.of(offset, count, request);
        ResourcePage page = reads.queries().query(
                new SearchPatients(ids, identifiers, names, exactNames, BirthDateRange.of(birthdate), genders,
                        view.narrow(List.of()), window.offset(), window.size(), window.total(), view.blindLab()),
                ResponseTypes.instanceOf(ResourcePage.class)).join();
        List<Resource> matches = page.items().stream().map(reads.stored()::toResource).toList();
        return window.bundle(matches, includes.of(matches, Set.of(), revIncludes, view), page.total());
    }
}
