package org.huren.fhir.server;

import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import org.hl7.fhir.r4.model.Patient;

import java.util.ArrayList;
import java.util.List;

/**
 * The patient a search of lab records names, from its {@code patient} and {@code subject} parameters: by HuRen id
 * ({@code patient=Patient/123}) or by any identifier ({@code patient.identifier=system|value}, which finds the
 * person's records at every lab) — alternatives.
 */
record PatientCriteria(List<String> ids, List<String> identifiers) {

    static PatientCriteria of(ReferenceOrListParam... parameters) {
        List<String> ids = new ArrayList<>();
        List<String> identifiers = new ArrayList<>();
        for (ReferenceOrListParam references : parameters) {
            if (references == null) {
                continue;
            }
            for (ReferenceParam reference : references.getValuesAsQueryTokens()) {
                if (Patient.SP_IDENTIFIER.equals(reference.getChain())) {
                    identifiers.add(reference.getValue());
                } else {
                    ids.add(reference.getIdPart());
                }
            }
        }
        return new PatientCriteria(List.copyOf(ids), List.copyOf(identifiers));
    }

    boolean isEmpty() {
        return ids.isEmpty() && identifiers.isEmpty();
    }
}
