package org.huren.api.security;

import java.util.Set;

/** The SMART v2 scopes HuRen's clients may ask for (what each role needs; ADR 0012). */
public final class SmartScopes {

    /** A lab's LIS: create, read, update and search its lab's records. */
    public static final Set<String> LIS = Set.of("system/Patient.cruds", "system/Observation.cruds",
            "system/Specimen.cruds", "system/DiagnosticReport.cruds", "system/Organization.rs",
            "system/CodeSystem.rs", "system/ConceptMap.rs");
    /** An operator's or administrator's tool. */
    public static final Set<String> SYSTEM = Set.of("system/*.rs");
    /** People signing in: OpenID Connect, and reading as the user. */
    public static final Set<String> USER = Set.of("openid", "profile", "fhirUser", "offline_access",
            "user/Observation.rs", "user/Patient.rs", "user/Specimen.rs", "user/DiagnosticReport.rs",
            "user/Organization.rs", "user/CodeSystem.rs", "user/ConceptMap.rs", "user/AuditEvent.rs");

    private SmartScopes() {
    }
}
