package org.huren.fhir.ingest;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Quantity;
import org.huren.domain.common.Coding;
import org.huren.domain.common.Measurement;
import org.huren.domain.labresult.LabResultContent;
import org.huren.domain.labresult.ResultStatus;
import org.huren.fhir.server.Problem;

import java.util.List;
import java.util.function.Predicate;

/**
 * FHIR Observation → {@link LabResultContent}, with the rules a lab result must meet to enter HuRen:
 * lab category (or none), a status, a code with a system — LOINC, or the lab's local item code, which its code map
 * translates (ADR 0017; an unmapped one is stored and tagged, never refused) —, a UCUM unit on a quantity, a subject
 * Patient that carries an identifier.
 */
final class ObservationMapper {

    static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";

    private final UcumUnits ucum;

    ObservationMapper(UcumUnits ucum) {
        this.ucum = ucum;
    }

    LabResultContent content(LabRecordIngest.Planned p, Observation observation, String hash, Problem problem,
                             Predicate<String> subjectIsPatientWithIdentifier) {
        boolean ok = true;
        if (!isLabResult(observation)) {
            problem.issue(IssueType.NOTSUPPORTED, p.at("category"), "the category says this Observation is not a "
                    + "lab result (" + categoryCodes(observation) + "); HuRen keeps lab data only");
            ok = false;
        }
        if (!observation.hasStatus()) {
            problem.issue(IssueType.REQUIRED, p.at("status"), "an Observation needs a status");
            ok = false;
        }
        List<Coding> codes = FhirValues.codings(observation.getCode());
        if (codes.stream().noneMatch(c -> c.system() != null && !c.system().isBlank())) {
            problem.issue(IssueType.REQUIRED, p.at("code"), "a lab result needs a coding with a system in "
                    + "Observation.code: LOINC (system http://loinc.org), or the lab's own item code under its code "
                    + "system's URL (mapped to the catalog by the lab's code map)");
            ok = false;
        }
        Measurement measurement = null;
        if (observation.hasValueQuantity()) {
            Quantity quantity = observation.getValueQuantity();
            if (!quantity.hasValue()) {
                problem.issue(IssueType.REQUIRED, p.at("value.ofType(Quantity).value"),
                        "a valueQuantity needs a value");
                ok = false;
            }
            if (!UcumUnits.SYSTEM.equals(quantity.getSystem()) || !quantity.hasCode()) {
                problem.issue(IssueType.REQUIRED, p.at("value.ofType(Quantity).system"),
                        "a valueQuantity needs a UCUM unit: system http://unitsofmeasure.org and a code");
                ok = false;
            } else {
                String why = ucum.problemWith(quantity.getCode());
                if (why != null) {
                    problem.issue(IssueType.CODEINVALID, p.at("value.ofType(Quantity).code"),
                            "'" + quantity.getCode() + "' is not a valid UCUM unit: " + why);
                    ok = false;
                }
            }
            if (ok) {
                measurement = new Measurement(quantity.getValue(), quantity.getCode(), quantity.getUnit(),
                        quantity.hasComparator() ? quantity.getComparator().toCode() : null);
            }
        }
        String subject = observation.getSubject().getReference();
        if (!subjectIsPatientWithIdentifier.test(subject)) {
            problem.issue(IssueType.REQUIRED, p.at("subject"), subject == null
                    ? "a lab result needs a subject Patient"
                    : "subject " + subject + " is not a Patient with an identifier");
            ok = false;
        }
        if (!ok) {
            return null;
        }
        String specimen = observation.getSpecimen().getReference();
        return new LabResultContent(
                ResultStatus.fromCode(observation.getStatus().toCode()),
                codes,
                measurement,
                FhirValues.businessTime(observation.getEffective()),
                observation.hasIssued() ? observation.getIssued().toInstant() : null,
                subject.substring("Patient/".length()),
                specimen != null && specimen.startsWith("Specimen/") ? specimen.substring("Specimen/".length()) : null,
                p.storedJson,
                hash,
                p.lab.standings());
    }

    /** No category, or one that includes laboratory: a lab result. vital-signs, survey … are not. */
    static boolean isLabResult(Observation observation) {
        boolean hasStandardCategory = false;
        for (CodeableConcept category : observation.getCategory()) {
            for (org.hl7.fhir.r4.model.Coding coding : category.getCoding()) {
                if (CATEGORY_SYSTEM.equals(coding.getSystem())) {
                    hasStandardCategory = true;
                    if ("laboratory".equals(coding.getCode())) {
                        return true;
                    }
                }
            }
        }
        return !hasStandardCategory;
    }

    private static String categoryCodes(Observation observation) {
        return String.join(", ", FhirValues.codings(observation.getCategory()).stream().map(Coding::code).toList());
    }
}
