package org.huren.domain.audit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.huren.domain.assessment.Dimension;

import java.time.LocalDate;
import java.util.List;

/** A QC manager opens an audit (质控督查) of a member lab: kind, auditors, date, and its scope (dimensions, items). */
public record OpenAudit(@TargetAggregateIdentifier String auditId, String allianceId, String labCode, AuditKind kind,
                        List<String> auditors, LocalDate auditDate, List<Dimension> dimensions,
                        List<String> itemCodes, String openedBy) {

    public OpenAudit {
        auditors = auditors == null ? List.of() : List.copyOf(auditors);
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        itemCodes = itemCodes == null ? List.of() : List.copyOf(itemCodes);
    }
}
