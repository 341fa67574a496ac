package org.huren.domain.iqc;

import java.util.Objects;

/**
 * The Westgard control rules (Westgard 多规则质控规则, DOMAIN.md §4), each with its usual code and its action.
 * <p>
 * All limits are strict: "beyond k SD" means |z| &gt; k; "on one side of the mean" means z &gt; 0 or z &lt; 0, and a
 * value exactly on the mean (z = 0) is on neither side, so it breaks an n-x sequence. The points are ordered by
 * run time, then by level order within a run ({@link ControlRun#results()}). Every rule needs its whole window:
 * with too few points it is not violated. Only a window that involves the current run can fire (see
 * {@link WestgardEvaluation}).
 * <p>
 * The rules are evaluated independently; 1-2s is a warning, not a gate that the other rules wait for (so 4-1s and
 * 10-x can fire with no value beyond 2 SD).
 */
public enum WestgardRule {

    /** 1-2s (警告规则): one value of the current run beyond ±2 SD. */
    R_1_2S("1-2s", RuleAction.WARNING),

    /** 1-3s: one value of the current run beyond ±3 SD (random error, 随机误差). */
    R_1_3S("1-3s", RuleAction.REJECT),

    /**
     * 2-2s: two values beyond the same 2 SD limit (both &gt; +2 or both &lt; −2; systematic error, 系统误差) — either
     * two levels of the current run, or one level in the current run and its previous value (the level's
     * previous run). +2.1 and −2.1 are not a 2-2s (that is R-4s).
     */
    R_2_2S("2-2s", RuleAction.REJECT),

    /**
     * R-4s: in the current run, one level beyond +2 SD and another beyond −2 SD (DOMAIN.md's wording, not "range
     * &gt; 4 SD": +2.5 and −1.6 do not fire it). Within one run, across levels only; never across runs.
     */
    R_R_4S("R-4s", RuleAction.REJECT),

    /**
     * 2of3-2s (3-level designs): two of three values beyond the same 2 SD limit — among the levels of the current
     * run (needs ≥3 levels in the run), or among one level's last three values ending with the current run (the
     * current value must be one of the two).
     */
    R_2OF3_2S("2of3-2s", RuleAction.REJECT),

    /**
     * 3-1s (3-level designs): three values beyond the same 1 SD limit — three levels of the current run, or one
     * level's last three values ending with the current run.
     */
    R_3_1S("3-1s", RuleAction.REJECT),

    /**
     * 4-1s: four consecutive values beyond the same 1 SD limit — one level's last four values ending with the
     * current run, or two levels × two runs (the current run and the run immediately before it, both levels
     * present in both).
     */
    R_4_1S("4-1s", RuleAction.REJECT),

    /** 6-x (3-level designs): six consecutive values on the same side of the mean, across runs and levels. */
    R_6_X("6-x", RuleAction.REJECT),

    /** 8-x: eight consecutive values on the same side of the mean, across runs and levels. */
    R_8_X("8-x", RuleAction.REJECT),

    /** 10-x: ten consecutive values on the same side of the mean (均值同侧), across runs and levels. */
    R_10_X("10-x", RuleAction.REJECT),

    /** 12-x (3-level designs): twelve consecutive values on the same side of the mean, across runs and levels. */
    R_12_X("12-x", RuleAction.REJECT);

    private final String code;
    private final RuleAction action;

    WestgardRule(String code, RuleAction action) {
        this.code = code;
        this.action = action;
    }

    /** The usual notation: "1-2s", "1-3s", "2-2s", "R-4s", "2of3-2s", "3-1s", "4-1s", "6-x", "8-x", "10-x", "12-x". */
    public String code() {
        return code;
    }

    /** {@link RuleAction#WARNING} for 1-2s, {@link RuleAction#REJECT} for every other rule. */
    public RuleAction action() {
        return action;
    }

    /** The rule with this {@link #code()} (case-insensitive). */
    public static WestgardRule fromCode(String code) {
        Objects.requireNonNull(code, "code");
        for (WestgardRule rule : values()) {
            if (rule.code.equalsIgnoreCase(code.trim())) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown Westgard rule code: " + code);
    }
}
