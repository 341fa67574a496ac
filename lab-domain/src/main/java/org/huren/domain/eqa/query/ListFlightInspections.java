package org.huren.domain.eqa.query;

/** The flight inspections of an alliance with their outcomes; answered with {@link FlightInspectionOutcome}s. */
public record ListFlightInspections(String allianceId) {
}
