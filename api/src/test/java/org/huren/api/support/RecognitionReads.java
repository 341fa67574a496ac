package org.huren.api.support;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;

/** How the tests read a result's recognition: its tag, and the parts of a {@code $recognition} answer. */
public final class RecognitionReads {

    public static final String TAG_SYSTEM = "https://huren.org/fhir/CodeSystem/recognition";

    private RecognitionReads() {
    }

    /** The result's recognition tag (recognized, pending, withdrawn, not-recognized), or "none". */
    public static String tag(FhirTestClient client, String resultId) {
        return tag(client, resultId, null);
    }

    /** The result's recognition tag in {@code alliance} (null: the first), or "none". */
    public static String tag(FhirTestClient client, String resultId, String alliance) {
        Observation read = client.client().read().resource(Observation.class).withId(resultId).execute();
        return read.getMeta().getTag().stream()
                .filter(t -> TAG_SYSTEM.equals(t.getSystem()))
                .filter(t -> alliance == null || t.getDisplay() == null || t.getDisplay().contains(alliance))
                .map(Coding::getCode).findFirst().orElse("none");
    }

    /** The primitive value of the first part called {@code name}, or null. */
    public static String part(Parameters.ParametersParameterComponent parent, String name) {
        return parent.getPart().stream().filter(p -> p.getName().equals(name)).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse(null);
    }
}
