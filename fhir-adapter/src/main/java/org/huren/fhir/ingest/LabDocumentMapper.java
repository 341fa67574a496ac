package org.huren.fhir.ingest;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Specimen;
import org.huren.domain.labdoc.LabDocumentContent;
import org.huren.fhir.server.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** FHIR Specimen and DiagnosticReport → {@link LabDocumentContent}. */
final class LabDocumentMapper {

    static final String V2_0074 = "http://terminology.hl7.org/CodeSystem/v2-0074";
    /** Diagnostic service sections (HL7 v2 table 0074) that are laboratory work. */
    static final Set<String> LAB_SECTIONS = Set.of("LAB", "BG", "BLB", "CG", "CH", "CP", "HM", "IMM", "MB",
            "MCB", "MYC", "PAR", "SP", "SR", "TX", "URN", "VR");

    LabDocumentContent specimen(LabRecordIngest.Planned p, Specimen specimen, String hash) {
        List<org.hl7.fhir.r4.model.Identifier> identifiers = new ArrayList<>(specimen.getIdentifier());
        if (specimen.hasAccessionIdentifier()) {
            identifiers.add(0, specimen.getAccessionIdentifier());
        }
        return new LabDocumentContent(
                specimen.hasStatus() ? specimen.getStatus().toCode() : null,
                FhirValues.codings(specimen.getType()),
                FhirValues.identifiers(identifiers),
                idOf(specimen.getSubject(), "Patient/"),
                List.of(),
                specimen.hasCollection() ? FhirValues.businessTime(specimen.getCollection().getCollected()) : null,
                p.storedJson,
                hash);
    }

    LabDocumentContent report(LabRecordIngest.Planned p, DiagnosticReport report, String hash, Problem problem) {
        if (!isLabReport(report)) {
            problem.issue(IssueType.NOTSUPPORTED, p.at("category"),
                    "the category says this DiagnosticReport is not a lab report; HuRen keeps lab data only");
            return null;
        }
        List<String> results = new ArrayList<>();
        for (Reference result : report.getResult()) {
            String id = idOf(result, "Observation/");
            if (id != null) {
                results.add(id);
            }
        }
        return new LabDocumentContent(
                report.hasStatus() ? report.getStatus().toCode() : null,
                FhirValues.codings(report.getCode()),
                FhirValues.identifiers(report.getIdentifier()),
                idOf(report.getSubject(), "Patient/"),
                results,
                FhirValues.businessTime(report.getEffective()),
                p.storedJson,
                hash);
    }

    /** No category, or one with the v2 LAB section (or a laboratory code): a lab report. */
    static boolean isLabReport(DiagnosticReport report) {
        boolean hasStandardCategory = false;
        for (CodeableConcept category : report.getCategory()) {
            for (org.hl7.fhir.r4.model.Coding coding : category.getCoding()) {
                if (V2_0074.equals(coding.getSystem())) {
                    hasStandardCategory = true;
                    if (LAB_SECTIONS.contains(coding.getCode())) {
                        return true;
                    }
                }
            }
        }
        return !hasStandardCategory;
    }

    private static String idOf(Reference reference, String prefix) {
        String ref = reference == null ? null : reference.getReference();
        return ref != null && ref.startsWith(prefix) ? ref.substring(prefix.length()) : null;
    }
}
