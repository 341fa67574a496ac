package org.huren.domain.iqc;

/** What a Westgard rule does to its run when it fires (DOMAIN.md §4). */
public enum RuleAction {
    /** 警告: the run is still in control; patient results may be reported (only 1-2s). */
    WARNING,
    /** 失控, 拒绝: the run is rejected; results since the last accepted run are withdrawn. */
    REJECT
}
