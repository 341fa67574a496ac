package org.huren.domain.iqc.query;

/** The runs of a lab × item in run-time order with their evaluations; answered with {@link IqcRunView}s. */
public record GetIqcRuns(String labCode, String itemCode) {
}
