package org.huren.domain.common;

/** A code from a code system (LOINC, SNOMED CT, a lab's local codes), as reported. */
public record Coding(String system, String code, String display) {

    public static final String LOINC = "http://loinc.org";

    public boolean isLoinc() {
        return LOINC.equals(system);
    }

    public String token() {
        return (system == null ? "" : system) + '|' + code;
    }
}
