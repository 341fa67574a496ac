package org.huren.domain.iqc.query;

/** The catalog items a lab runs IQC for (has control lots registered); answered with a list of item codes. */
public record GetIqcItems(String labCode) {
}
