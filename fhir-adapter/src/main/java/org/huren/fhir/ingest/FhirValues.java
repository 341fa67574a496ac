package org.huren.fhir.ingest;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Type;
import org.huren.domain.common.BusinessTime;
import org.huren.domain.common.Coding;
import org.huren.domain.common.Identifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Small conversions from HAPI's R4 model to HuRen's value objects. */
final class FhirValues {

    private FhirValues() {
    }

    static List<Coding> codings(List<CodeableConcept> concepts) {
        List<Coding> codings = new ArrayList<>();
        for (CodeableConcept concept : concepts) {
            codings.addAll(codings(concept));
        }
        return codings;
    }

    static List<Coding> codings(CodeableConcept concept) {
        List<Coding> codings = new ArrayList<>();
        if (concept != null) {
            for (org.hl7.fhir.r4.model.Coding coding : concept.getCoding()) {
                if (coding.hasCode()) {
                    codings.add(new Coding(coding.getSystem(), coding.getCode(), coding.getDisplay()));
                }
            }
        }
        return codings;
    }

    static List<Identifier> identifiers(List<org.hl7.fhir.r4.model.Identifier> identifiers) {
        List<Identifier> result = new ArrayList<>();
        for (org.hl7.fhir.r4.model.Identifier identifier : identifiers) {
            if (identifier.hasValue()) {
                String type = identifier.hasType() && identifier.getType().hasCoding()
                        ? identifier.getType().getCodingFirstRep().getCode() : null;
                result.add(new Identifier(identifier.getSystem(), identifier.getValue(), type));
            }
        }
        return result;
    }

    /** Business time of an effective[x] or collected[x]: dateTime, instant or Period; null when absent. */
    static BusinessTime businessTime(Type value) {
        if (value instanceof DateTimeType dateTime && dateTime.getValue() != null) {
            return BusinessTime.at(dateTime.getValue().toInstant());
        }
        if (value instanceof InstantType instant && instant.getValue() != null) {
            return BusinessTime.at(instant.getValue().toInstant());
        }
        if (value instanceof Period period && (period.hasStart() || period.hasEnd())) {
            return new BusinessTime(period.hasStart() ? period.getStart().toInstant() : null,
                    period.hasEnd() ? period.getEnd().toInstant() : period.getStart().toInstant());
        }
        return null;
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
