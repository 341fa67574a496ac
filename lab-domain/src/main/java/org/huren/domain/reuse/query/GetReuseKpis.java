package org.huren.domain.reuse.query;

/**
 * 同期互认率 of an alliance — reused ÷ reminders, a reminder being a clinician's recorded answer to a reusable
 * result (reused or re-tested) — grouped by {@code by}: lab (of the ordering clinician), department, item or
 * month (China Standard Time). Answered with a list of {@link ReuseKpi}.
 */
public record GetReuseKpis(String allianceId, Grouping by) {

    public enum Grouping {
        LAB, DEPARTMENT, ITEM, MONTH
    }
}
