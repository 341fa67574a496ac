package org.huren.domain.reuse;

/** Why a clinician re-tested instead of reusing a recognized result (DOMAIN.md §1; OTHER needs its text). */
public enum RetestReason {
    /** 病情变化, or a result inconsistent with the clinical picture. */
    CONDITION_CHANGED,
    /** The analyte changes quickly in this disease. */
    FAST_CHANGING,
    /** Before surgery, transfusion or another major intervention. */
    MAJOR_INTERVENTION,
    EMERGENCY,
    /** Forensic, disability or other appraisal. */
    APPRAISAL,
    PATIENT_REQUEST,
    /** The producing lab failed EQA for the item. */
    LAB_FAILED_EQA,
    /** The result is older than the item's validity window. */
    TOO_OLD,
    OTHER
}
