package org.huren.domain.iqc.query;

/**
 * How many IQC (室内质控) runs each lab has, by evaluation (the operator's gauge of rejected runs); answered with
 * {@link IqcRunTotal}s.
 */
public record GetIqcRunTotals() {
}
