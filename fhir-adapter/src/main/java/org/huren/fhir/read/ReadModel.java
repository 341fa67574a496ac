package org.huren.fhir.read;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * HuRen's read models, each fed by one streaming event processor (named as its processing group). A read declares
 * the ones it reads, so that awaiting a write's position waits for those and not for the others.
 */
public enum ReadModel {

    /** Observations, patients (with their links), specimens and reports: the FHIR views of lab records. */
    LAB_RECORDS("lab-records"),
    /** 互认: recognition decisions and their history, reuse lookups and outcomes. */
    RECOGNITION("recognition"),
    /** 医联体: alliances, members, the catalog, accreditation and on-site assessments. */
    ALLIANCE("alliance"),
    /** 室间质评: rounds, grades and each lab's EQA history. */
    EQA("eqa"),
    /** 室内质控: control lots, runs, Levey-Jennings, monthly statistics and sigma. */
    IQC("iqc"),
    /** 质控督查: audits, findings and corrective actions. */
    AUDIT("audit");

    /** Every read model: what a read that declares nothing waits for. */
    public static final Set<ReadModel> ALL = Collections.unmodifiableSet(EnumSet.allOf(ReadModel.class));
    /** None: a request that reads no read model waits for nothing. */
    public static final Set<ReadModel> NONE = Collections.unmodifiableSet(EnumSet.noneOf(ReadModel.class));

    private final String processingGroup;

    ReadModel(String processingGroup) {
        this.processingGroup = processingGroup;
    }

    /** The processing group (and event processor) that feeds this read model. */
    public String processingGroup() {
        return processingGroup;
    }
}
