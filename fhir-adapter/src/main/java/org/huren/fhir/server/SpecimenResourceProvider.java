package org.huren.fhir.server;

import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.huren.domain.labdoc.DocumentKind;
import org.huren.domain.query.ResourcePage;
import org.huren.domain.query.SearchLabDocuments;
import org.huren.fhir.read.LabRecordReads;
import org.huren.fhir.read.SearchPage;

import java.util.List;

/** Specimens that results refer to; read and searched; written only inside transactions. */
public class SpecimenResourceProvider implements IResourceProvider {

    private final LabRecordReads reads;
    private final FhirAccess access;

    public SpecimenResourceProvider(LabRecordReads reads, FhirAccess access) {
        this.reads = reads;
        this.access = access;
    }

    @Override
    public Class<Specimen> getResourceType() {
        return Specimen.class;
    }

    /** {@code GET Specimen/{id}} and, with a version, {@code GET Specimen/{id}/_history/{version}} (vread). */
    @Read(version = true)
    public Resource read(@IdParam IdType id, ca.uhn.fhir.rest.api.server.RequestDetails request) {
        return access.read(reads, "Specimen", id, request);
    }

    /** {@code GET Specimen/{id}/_history[?_since=]}: every version HuRen holds, newest first. */
    @History
    public List<Resource> history(@IdParam IdType id, @Since InstantType since,
                                  ca.uhn.fhir.rest.api.server.RequestDetails request) {
        return access.history(reads, "Specimen", id, since, request);
    }

    /**
     * Specimens by {@code _id}, patient ({@code patient}/{@code subject}, by id or {@code .identifier}) and
     * {@code identifier} (the accession number or any other). A clinician names the patient, the specimen's
     * identifier, or its {@code _id}.
     */
    @Search
    public IBundleProvider search(
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam id,
            @OptionalParam(name = Specimen.SP_PATIENT, chainWhitelist = {"", Patient.SP_IDENTIFIER},
                    targetTypes = Patient.class) ReferenceOrListParam patient,
            @OptionalParam(name = Specimen.SP_SUBJECT, chainWhitelist = {"", Patient.SP_IDENTIFIER},
                    targetTypes = Patient.class) ReferenceOrListParam subject,
            @OptionalParam(name = Specimen.SP_IDENTIFIER) TokenOrListParam identifier,
            @Offset Integer offset,
            @Count Integer count,
            RequestDetails request) {
        PatientCriteria patients = PatientCriteria.of(patient, subject);
        List<String> ids = ObservationResourceProvider.ids(id);
        List<String> identifiers = ObservationResourceProvider.tokens(identifier);
        FhirAccess.View view = access.view(request);
        if (view.byPatientOnly() && patients.isEmpty() && ids.isEmpty() && identifiers.isEmpty()) {
            throw FhirAccess.forbidden("a clinician searches specimens by patient, identifier or _id");
        }
        SearchPage window = SearchPage.of(offset, count, request);
        ResourcePage page = reads.queries().query(new SearchLabDocuments(DocumentKind.SPECIMEN, ids, patients.ids(),
                        patients.identifiers(), identifiers, List.of(), List.of(), view.narrow(List.of()), List.of(),
                        window.offset(), window.size(), window.total(), view.blindLab()),
                ResponseTypes.instanceOf(ResourcePage.class)).join();
        return window.bundle(page, reads.stored());
    }
}
