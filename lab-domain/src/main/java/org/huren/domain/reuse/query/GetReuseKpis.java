package org.huren.domain.reuse.query;

/**
 * The recognition KPIs of an alliance — 调阅互认率, 同期互认率, re-tests and estimated savings — grouped by
 * {@code by}: lab (of the ordering clinician), department, item or month (China Standard Time), or the
 * alliance as a whole. Answered with a list of {@link ReuseKpi}.
 */
public record GetReuseKpis(String allianceId, Grouping by) {

    public enum Grouping {
        ALLIANCE, LAB, DEPARTMENT, ITEM, MONTH
    }
}
