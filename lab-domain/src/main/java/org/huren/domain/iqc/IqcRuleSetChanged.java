package org.huren.domain.iqc;

/** From now on runs of this lab × item are evaluated with {@code rules}. */
public record IqcRuleSetChanged(String seriesId, String labCode, String itemCode, String rules, String setBy) {
}
