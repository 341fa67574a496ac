package org.huren.domain.query;

/**
 * Read one lab record by HuRen id: {@code resourceType} is the FHIR type (Observation, Patient,
 * Specimen, DiagnosticReport). Answered with a {@link StoredResource}, or nothing.
 */
public record FindResource(String resourceType, String id) {
}
