package org.huren.api.security;

/**
 * What a caller may do in HuRen, carried in the token's {@value HurenClaims#ROLES} claim (ADR 0012). Where a role
 * is bound to a lab or to alliances, the token's {@value HurenClaims#LAB} and {@value HurenClaims#ALLIANCES}
 * claims say which.
 */
public enum Role {
    /** A member lab's information system: writes its lab's records, reads back what its lab wrote. */
    LIS,
    /** A clinician at a member lab: reads recognized results of a patient across its lab's alliances. */
    CLINICIAN,
    /** An alliance's QC manager: assessments, catalog, EQA, flight inspections, IQC review, KPIs. */
    QC_MANAGER,
    /** An assessor of an alliance: on-site assessments. */
    ASSESSOR,
    /** An auditor of an alliance: audits, findings and their verification. */
    AUDITOR,
    /** A member lab's staff: its IQC, EQA results, findings and corrective actions (submit, not verify). */
    LAB_STAFF,
    /** Runs HuRen: projection status and replays, dead letters, metrics. */
    OPERATOR,
    /** Manages the embedded authorization server's clients and users. */
    ADMIN;

    /** The Spring Security authority of the role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
