package org.huren.domain.audit;

import org.huren.domain.assessment.Dimension;

import java.time.LocalDate;
import java.util.List;

/** An audit of a member lab was opened. */
public record AuditOpened(String auditId, String allianceId, String labCode, AuditKind kind, List<String> auditors,
                          LocalDate auditDate, List<Dimension> dimensions, List<String> itemCodes, String openedBy) {

    public AuditOpened {
        auditors = List.copyOf(auditors);
        dimensions = List.copyOf(dimensions);
        itemCodes = List.copyOf(itemCodes);
    }
}
