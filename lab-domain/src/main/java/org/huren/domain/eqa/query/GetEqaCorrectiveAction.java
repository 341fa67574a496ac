package org.huren.domain.eqa.query;

/** One verified EQA corrective action (纠正措施); answered with an optional {@link EqaCorrectiveActionView}. */
public record GetEqaCorrectiveAction(String actionId) {
}
