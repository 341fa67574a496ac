package org.huren.domain.iqc;

/** A rejected run was reviewed and signed off: the finding, the corrective action and who signed. */
public record RejectedRunReviewed(String seriesId, String labCode, String itemCode, String runId, String comment,
                                  String correctiveAction, String reviewedBy) {
}
