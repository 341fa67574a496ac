/**
 * Internal quality control (室内质控, IQC; DOMAIN.md §4) as pure functions: control targets (靶值) per level,
 * z-scores, the Westgard multirule evaluation of a run ({@link org.huren.domain.iqc.WestgardEvaluation}),
 * Levey-Jennings chart data (L-J 质控图), target statistics and the sigma metric with its suggested rule set.
 * <p>
 * Decimal only ({@link java.math.BigDecimal}); never {@code double}, which turns z = 3.000 into
 * 3.0000000000000027 and so trips 1-3s on a value exactly on the limit.
 */
package org.huren.domain.iqc;
