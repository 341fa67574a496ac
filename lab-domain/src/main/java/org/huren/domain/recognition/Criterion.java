package org.huren.domain.recognition;

/**
 * The criteria of mutual recognition (检验结果互认) of one lab result within an alliance (DESIGN.md "Recognition").
 * The constant names are stable codes: they are stored in decisions and events, so never rename one.
 */
public enum Criterion {
    /** 成员资格. */
    MEMBER_ACTIVE("the performing lab is an active member of the alliance at the result's time"),
    /** 互认项目目录. */
    ITEM_IN_CATALOG("the result's code (its LOINC code, or the lab's local code through the lab's code map) maps to "
            + "an item of the alliance's published recognition catalog"),
    /** 单位. */
    UNIT_COMPATIBLE("the result's unit is the item's UCUM unit or converts to it, and the value so converted lies in "
            + "the item's plausible range"),
    /** 项目准入. */
    LAB_ACCREDITED("the lab holds an unexpired, unwithdrawn accreditation for the item at the result's time"),
    /** 室间质评. */
    EQA_SATISFACTORY("the lab's latest graded EQA for the item is satisfactory, recent enough and not unsuccessful"),
    /** 室内质控. */
    IQC_IN_CONTROL("the IQC run bracketing the result was accepted and no rejected run followed before the next accepted one"),
    /** 质控督查. */
    NO_OPEN_MAJOR_FINDING("no open major audit finding covers the lab and item"),
    /** 结果状态. */
    RESULT_FINAL("the result is final, amended or corrected, not retracted and not a blind sample"),
    /** 互认时限, asked only for reuse. */
    WITHIN_VALIDITY("for reuse: the result's age is within the item's validity window");

    private final String description;

    Criterion(String description) {
        this.description = description;
    }

    /** What the criterion asks, in one line. */
    public String description() {
        return description;
    }
}
