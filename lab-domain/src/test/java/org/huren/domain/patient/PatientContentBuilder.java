package org.huren.domain.patient;

import org.huren.domain.common.Identifier;

import java.util.ArrayList;
import java.util.List;

/** Test data: a patient as an LIS sends them, with a medical record number unless told otherwise. */
final class PatientContentBuilder {

    static final Identifier MEDICAL_RECORD_NUMBER =
            new Identifier("urn:oid:2.16.156.310000.1.mrn", "MRN-00042", "MR");
    static final Identifier NATIONAL_ID =
            new Identifier("urn:oid:1.2.156.112604.1.2.1", "110101199003071234", "NI");

    private final List<Identifier> identifiers = new ArrayList<>(List.of(MEDICAL_RECORD_NUMBER));
    private String name = "张三";
    private String contentHash = "sha256:patient-v1";

    private PatientContentBuilder() {
    }

    static PatientContentBuilder aPatient() {
        return new PatientContentBuilder();
    }

    PatientContentBuilder withContentHash(String contentHash) {
        this.contentHash = contentHash;
        return this;
    }

    PatientContentBuilder withName(String name) {
        this.name = name;
        return this;
    }

    PatientContentBuilder withIdentifiers(Identifier... identifiers) {
        this.identifiers.clear();
        this.identifiers.addAll(List.of(identifiers));
        return this;
    }

    PatientContentBuilder withoutIdentifiers() {
        return withIdentifiers();
    }

    PatientContent build() {
        String resource = "{\"resourceType\":\"Patient\",\"name\":[{\"text\":\"" + name + "\"}]}";
        return new PatientContent(identifiers, name, "male", "1990-03-07", resource, contentHash);
    }
}
