package org.huren.fhir.server;

import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;
import org.huren.fhir.read.LabRecordReads;

import java.util.List;

/** Lab reports grouping results; written only inside transactions. */
public class DiagnosticReportResourceProvider implements IResourceProvider {

    private final LabRecordReads reads;
    private final FhirAccess access;

    public DiagnosticReportResourceProvider(LabRecordReads reads, FhirAccess access) {
        this.reads = reads;
        this.access = access;
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
}
