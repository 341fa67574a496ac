package org.huren.domain.recognition;

import java.util.List;
import java.util.Objects;

/** The verdict on one criterion, why, and the records it rests on. */
public record CriterionResult(Criterion criterion, CriterionVerdict verdict, String reason, List<Evidence> evidence) {

    public CriterionResult {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public static CriterionResult pass(Criterion criterion, String reason, List<Evidence> evidence) {
        return new CriterionResult(criterion, CriterionVerdict.PASS, reason, evidence);
    }

    public static CriterionResult fail(Criterion criterion, String reason, List<Evidence> evidence) {
        return new CriterionResult(criterion, CriterionVerdict.FAIL, reason, evidence);
    }

    public static CriterionResult notYetKnown(Criterion criterion, String reason, List<Evidence> evidence) {
        return new CriterionResult(criterion, CriterionVerdict.NOT_YET_KNOWN, reason, evidence);
    }
}
