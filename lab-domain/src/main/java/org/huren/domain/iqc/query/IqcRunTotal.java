package org.huren.domain.iqc.query;

/**
 * The runs of a lab with one evaluation status: ACCEPTED, WARNING, REJECTED, or null for runs not evaluated (their
 * levels have no targets yet).
 */
public record IqcRunTotal(String labCode, String status, long runs) {
}
