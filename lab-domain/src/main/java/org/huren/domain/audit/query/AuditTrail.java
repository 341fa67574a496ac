package org.huren.domain.audit.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An audit, its findings, and its full trail: each step with who, when, detail and the event behind it. */
public record AuditTrail(String auditId, String allianceId, String labCode, String kind, List<String> auditors,
                         LocalDate auditDate, List<String> dimensions, List<String> itemCodes, Instant openedAt,
                         Instant closedAt, List<FindingView> findings, List<Step> steps) {

    public record Step(String findingId, String step, String who, Instant at, String detail, String eventId) {
    }
}
