package org.huren.api.support;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;

import java.math.BigDecimal;
import java.util.UUID;

/** Small, readable LIS-style test resources. */
public final class LabData {

    public static final String NATIONAL_ID = "https://huren.example.org/sid/national-id";
    public static final String MRN = "https://huren.example.org/sid/mrn";
    public static final String RESULT_ID = "https://huren.example.org/sid/lis-result";
    public static final String UCUM = "http://unitsofmeasure.org";

    private LabData() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Patient patient(String nationalId) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(NATIONAL_ID).setValue(nationalId);
        patient.addIdentifier().setSystem(MRN).setValue("MRN-" + nationalId);
        patient.addName().setFamily("王").addGiven("芳");
        return patient;
    }

    /** A final serum potassium result for {@code subject}. */
    public static Observation potassium(String resultId, String subject, String value) {
        Observation observation = new Observation();
        observation.addIdentifier().setSystem(RESULT_ID).setValue(resultId);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory().addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode("laboratory");
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2823-3").setDisplay("Potassium");
        observation.getSubject().setReference(subject);
        observation.setEffective(new DateTimeType("2026-11-20T08:30:00+08:00"));
        observation.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit("mmol/L").setSystem(UCUM)
                .setCode("mmol/L"));
        return observation;
    }

    /** A transaction with one Patient (conditional create on national ID) and the given Observations. */
    public static Bundle transaction(Patient patient, Observation... observations) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(patientUrl).setResource(patient).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient")
                .setIfNoneExist("identifier=" + NATIONAL_ID + "|" + patient.getIdentifierFirstRep().getValue());
        for (Observation observation : observations) {
            if (!observation.getSubject().hasReference()) {
                observation.getSubject().setReference(patientUrl);
            }
            bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(observation).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl("Observation")
                    .setIfNoneExist("identifier=" + RESULT_ID + "|" + observation.getIdentifierFirstRep().getValue());
        }
        return bundle;
    }

    public static String idOf(Bundle response, int entry) {
        return response.getEntry().get(entry).getResponse().getLocation().split("/")[1];
    }
}
