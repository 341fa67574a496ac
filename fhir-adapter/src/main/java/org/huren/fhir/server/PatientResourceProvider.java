package org.huren.fhir.server;

import java.util.List;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.huren.domain.query.ResourcePage;
import org.huren.domain.query.SearchPatients;
import org.huren.fhir.read.LabRecordReads;
import org.huren.fhir.read.SearchPage;


/** Patients as labs sent them; read, and found by any of their identifiers. Written only inside transactions. */
public class PatientResourceProvider implements IResourceProvider {

    private final LabRecordReads reads;
    private final FhirAccess access;

    public PatientResourceProvider(LabRecordReads reads, FhirAccess access) {
        this.reads = reads;
        this.access = access;
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

    @Search
    public IBundleProvider search(@OptionalParam(name = Patient.SP_IDENTIFIER) TokenOrListParam identifier,
                                  @Offset Integer offset, @Count Integer count,
                                  ca.uhn.fhir.rest.api.server.RequestDetails request) {
        FhirAccess.View view = access.view(request);
        List<String> identifiers = ObservationResourceProvider.tokens(identifier);
        if (view.byPatientOnly() && identifiers.isEmpty()) {
            throw FhirAccess.forbidden("a clinician finds patients by identifier: add identifier");
        }
        SearchPage window = SearchPage.of(offset, count);
        ResourcePage page = reads.queries().query(
                new SearchPatients(identifiers, view.narrow(List.of()), window.offset(), window.size(),
                        view.blindLab()),
                ResponseTypes.instanceOf(ResourcePage.class)).join();
        return window.bundle(page, reads.stored());
    }
}
