package org.huren.domain.labresult;

import java.util.Arrays;

/** The FHIR Observation status of a lab result, with the questions recognition asks of it. */
public enum ResultStatus {
    REGISTERED("registered"), PRELIMINARY("preliminary"), FINAL("final"), AMENDED("amended"),
    CORRECTED("corrected"), CANCELLED("cancelled"), ENTERED_IN_ERROR("entered-in-error"), UNKNOWN("unknown");

    private final String code;

    ResultStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** final, amended or corrected: a result a clinician may act on. */
    public boolean isFinal() {
        return this == FINAL || this == AMENDED || this == CORRECTED;
    }

    public static ResultStatus fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown Observation status: " + code));
    }
}
