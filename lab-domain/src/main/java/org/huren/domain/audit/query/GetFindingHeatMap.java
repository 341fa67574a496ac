package org.huren.domain.audit.query;

/** Findings per lab × dimension × month (CST) of an alliance; answered with {@link HeatCell}s. */
public record GetFindingHeatMap(String allianceId) {
}
