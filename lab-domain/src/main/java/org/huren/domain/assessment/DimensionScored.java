package org.huren.domain.assessment;

import java.util.List;

/** A dimension of an assessment was scored, with its findings and notes. */
public record DimensionScored(String assessmentId, Dimension dimension, Verdict verdict, List<String> findings,
                              String notes) {

    public DimensionScored {
        findings = List.copyOf(findings);
    }
}
