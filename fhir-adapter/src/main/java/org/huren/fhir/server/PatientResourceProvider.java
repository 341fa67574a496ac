package org.huren.fhir.server;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.huren.domain.query.ResourcePage;
import org.huren.domain.query.SearchPatients;
import org.huren.fhir.read.LabRecordReads;
import org.huren.fhir.read.SearchPage;


/** Patients as labs sent them; read, and found by any of their identifiers. Written only inside transactions. */
public class PatientResourceProvider implements IResourceProvider {

    private final LabRecordReads reads;

    public PatientResourceProvider(LabRecordReads reads) {
        this.reads = reads;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Read
    public Resource read(@IdParam IdType id, ca.uhn.fhir.rest.api.server.RequestDetails request) {
        return reads.read("Patient", id, Caller.labOf(request));
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = Patient.SP_IDENTIFIER) TokenOrListParam identifier,
                                  @Offset Integer offset, @Count Integer count,
                                  ca.uhn.fhir.rest.api.server.RequestDetails request) {
        SearchPage window = SearchPage.of(offset, count);
        ResourcePage page = reads.queries().query(
                new SearchPatients(ObservationResourceProvider.tokens(identifier), window.offset(), window.size(),
                        Caller.labOf(request)),
                ResponseTypes.instanceOf(ResourcePage.class)).join();
        return window.bundle(page, reads.stored());
    }
}
