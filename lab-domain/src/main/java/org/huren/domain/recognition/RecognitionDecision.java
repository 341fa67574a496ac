package org.huren.domain.recognition;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A recognition (互认) decision: the status and the verdict on every criterion asked, in {@link Criterion} order,
 * with the policy it was decided under (DOMAIN.md: every decided record stores the rule set it used).
 * The status is always the one the criteria and policy imply: any {@code FAIL} → {@code NOT_RECOGNIZED}; else any
 * {@code NOT_YET_KNOWN} under a policy where that blocks → {@code PENDING}; else {@code RECOGNIZED}.
 */
public record RecognitionDecision(RecognitionStatus status, List<CriterionResult> criteria, RecognitionPolicy policy) {

    public RecognitionDecision {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(policy, "policy");
        criteria = List.copyOf(criteria);
        if (criteria.stream().map(CriterionResult::criterion).distinct().count() != criteria.size()) {
            throw new IllegalArgumentException("a criterion may be decided only once: " + criteria);
        }
        RecognitionStatus implied = statusOf(criteria, policy);
        if (status != implied) {
            throw new IllegalArgumentException("status " + status + " contradicts the criteria, which imply " + implied);
        }
    }

    /** The decision the criteria imply under {@code policy}. */
    public static RecognitionDecision of(List<CriterionResult> criteria, RecognitionPolicy policy) {
        return new RecognitionDecision(statusOf(criteria, policy), criteria, policy);
    }

    private static RecognitionStatus statusOf(List<CriterionResult> criteria, RecognitionPolicy policy) {
        if (criteria.stream().anyMatch(c -> c.verdict() == CriterionVerdict.FAIL)) {
            return RecognitionStatus.NOT_RECOGNIZED;
        }
        if (policy.notYetKnownBlocks()
                && criteria.stream().anyMatch(c -> c.verdict() == CriterionVerdict.NOT_YET_KNOWN)) {
            return RecognitionStatus.PENDING;
        }
        return RecognitionStatus.RECOGNIZED;
    }

    public boolean isRecognized() {
        return status == RecognitionStatus.RECOGNIZED;
    }

    /**
     * The criteria standing in the way of recognition: those that fail and, when the policy says not-yet-known
     * blocks, those not yet known. Empty exactly when the result is recognized.
     */
    public List<CriterionResult> failing() {
        return criteria.stream()
                .filter(c -> c.verdict() == CriterionVerdict.FAIL
                        || c.verdict() == CriterionVerdict.NOT_YET_KNOWN && policy.notYetKnownBlocks())
                .toList();
    }

    /** The criteria decided with {@code verdict}, in {@link Criterion} order. */
    public List<Criterion> criteriaWith(CriterionVerdict verdict) {
        return criteria.stream().filter(c -> c.verdict() == verdict).map(CriterionResult::criterion).toList();
    }

    /** The verdict on {@code criterion}; empty when it was not asked (WITHIN_VALIDITY outside reuse). */
    public Optional<CriterionResult> result(Criterion criterion) {
        return criteria.stream().filter(c -> c.criterion() == criterion).findFirst();
    }
}
