package org.huren.domain.audit.query;

/** One cell of the lab × dimension heat map in one month: findings recorded, of which major. */
public record HeatCell(String labCode, String dimension, String month, long findings, long major) {
}
