package org.huren.domain.eqa.query;

import java.time.Instant;
import java.util.List;

/**
 * A flight inspection: the lab visited, how many blind samples were registered and how many results arrived
 * through its LIS, and, once graded, each item's grade.
 */
public record FlightInspectionOutcome(String roundId, String labCode, Instant deadline, int expectedResults,
                                      int receivedResults, String status, Instant gradedAt,
                                      List<EqaRoundResults.Grade> grades) {
}
