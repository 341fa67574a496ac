package org.huren.fhir.server;

import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.huren.domain.labdoc.DocumentKind;
import org.huren.domain.query.ResourcePage;
import org.huren.domain.query.SearchLabDocuments;
import org.huren.fhir.read.LabRecordReads;
import org.huren.fhir.read.SearchPage;

import java.util.List;
import java.util.Set;

/** Lab reports grouping results; read and searched; written only inside transactions. */
public class DiagnosticReportResourceProvider implements IResourceProvider {

    private final LabRecordReads reads;
    private final FhirAccess access;
    private final SearchIncludes includes;

    public DiagnosticReportResourceProvider(LabRecordReads reads, FhirAccess access) {
        this.reads = reads;
        this.access = access;
        this.includes = new SearchIncludes(reads);
    }

    @Override
    public Class<DiagnosticReport> getResourceType() {
        return DiagnosticReport.class;
    }

    /** {@code GET DiagnosticReport/{id}} and, with a version, {@code GET DiagnosticReport/{id}/_history/{version}} (vread). */
    @Read(version = true)
    public Resource read(@IdParam IdType id, ca.uhn.fhir.rest.api.server.RequestDetails request) {
        return access.read(reads, "DiagnosticReport", id, request);
    }

    /** {@code GET DiagnosticReport/{id}/_history[?_since=]}: every version HuRen holds, newest first. */
    @History
    public List<Resource> history(@IdParam IdType id, @Since InstantType since,
                                  ca.uhn.fhir.rest.api.server.RequestDetails request) {
        return access.history(reads, "DiagnosticReport", id, since, request);
    }

    /**
     * Reports by {@code _id}, patient ({@code patient}/{@code subject}, by id or {@code .identifier}), {@code code}
     * and {@code date} (effective[x] overlaps); {@code _include=DiagnosticReport:result} adds their results;
     * {@code _sort} by {@code date} or {@code _lastUpdated}. A clinician names the patient (or asks by {@code _id}).
     */
    @Search
    public IBundleProvider search(
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam id,
            @OptionalParam(name = DiagnosticReport.SP_PATIENT, chainWhitelist = {"", Patient.SP_IDENTIFIER},
                    targetTypes = Patient.class) ReferenceOrListParam patient,
            @OptionalParam(name = DiagnosticReport.SP_SUBJECT, chainWhitelist = {"", Patient.SP_IDENTIFIER},
                    targetTypes = Patient.class) ReferenceOrListParam subject,
            @OptionalParam(name = DiagnosticReport.SP_CODE) TokenOrListParam code,
            @OptionalParam(name = DiagnosticReport.SP_DATE) DateRangeParam date,
            @IncludeParam(allow = {"DiagnosticReport:result"}) Set<Include> included,
            @Sort SortSpec sort,
            @Offset Integer offset,
            @Count Integer count,
            RequestDetails request) {
        PatientCriteria patients = PatientCriteria.of(patient, subject);
        List<String> ids = ObservationResourceProvider.ids(id);
        FhirAccess.View view = access.view(request);
        if (view.byPatientOnly() && patients.isEmpty() && ids.isEmpty()) {
            throw FhirAccess.forbidden("a clinician searches reports by patient: add patient, subject or "
                    + "patient.identifier (or ask by _id)");
        }
        SearchPage window = SearchPage.of(offset, count, request);
        ResourcePage page = reads.queries().query(new SearchLabDocuments(DocumentKind.REPORT, ids, patients.ids(),
                        patients.identifiers(), List.of(), ObservationResourceProvider.tokens(code),
                        date == null ? List.of() : List.of(ObservationResourceProvider.range(date)),
                        view.narrow(List.of()), SearchResultParameters.sort("DiagnosticReport", sort),
                        window.offset(), window.size(), window.total(), view.blindLab()),
                ResponseTypes.instanceOf(ResourcePage.class)).join();
        List<Resource> matches = page.items().stream().map(reads.stored()::toResource).toList();
        return window.bundle(matches, includes.of(matches, included, Set.of(), view), page.total());
    }
}
