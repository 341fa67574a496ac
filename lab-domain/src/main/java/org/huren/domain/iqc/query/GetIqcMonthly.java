package org.huren.domain.iqc.query;

/** Monthly IQC statistics of a lab × item per level and lot; answered with {@link IqcMonth}s. */
public record GetIqcMonthly(String labCode, String itemCode) {
}
