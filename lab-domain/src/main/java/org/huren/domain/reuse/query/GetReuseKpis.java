package org.huren.domain.reuse.query;

/**
 * The recognition KPIs of an alliance — 调阅互认率, 同期互认率, re-tests and estimated savings — grouped by
 * {@code by}: lab (of the ordering clinician), department, item or month (China Standard Time), or the
 * alliance as a whole — as lab {@code requestingLab} sees them (null: no lab): a lookup or outcome about a lab's
 * blind-sample result (盲样) counts only for that lab. Answered with a list of {@link ReuseKpi}.
 */
public record GetReuseKpis(String allianceId, Grouping by, String requestingLab) {

    public enum Grouping {
        ALLIANCE, LAB, DEPARTMENT, ITEM, MONTH
    }
}
