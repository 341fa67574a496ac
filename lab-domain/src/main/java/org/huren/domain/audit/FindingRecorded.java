package org.huren.domain.audit;

import org.huren.domain.assessment.Dimension;

import java.util.List;

/** A finding of an audit, with the items it affects (empty: the whole lab). */
public record FindingRecorded(String auditId, String allianceId, String labCode, String findingId,
                              Dimension dimension, Severity severity, String description, List<String> evidence,
                              List<String> affectedItems, String recordedBy) {

    public FindingRecorded {
        evidence = List.copyOf(evidence);
        affectedItems = List.copyOf(affectedItems);
    }
}
