package org.huren.domain.eqa.query;

/**
 * One flight inspection with its blind detail — accession numbers, pseudo-patient, which samples arrived — for the
 * alliance's QC managers only. Answered with an optional {@link FlightInspectionDetail} (empty: no such flight
 * inspection).
 */
public record GetFlightInspection(String roundId) {
}
