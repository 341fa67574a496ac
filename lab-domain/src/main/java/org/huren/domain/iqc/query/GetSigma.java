package org.huren.domain.iqc.query;

import java.time.Instant;

/**
 * The sigma metric of a lab × item over [{@code from}, {@code to}) (nulls: all runs), with the allowable total
 * error of the item in alliance {@code allianceId}'s catalog; answered with an optional {@link SigmaView}.
 */
public record GetSigma(String labCode, String itemCode, String allianceId, Instant from, Instant to) {
}
