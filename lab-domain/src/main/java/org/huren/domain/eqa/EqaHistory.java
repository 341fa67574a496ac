package org.huren.domain.eqa;

import java.util.List;
import java.util.Objects;

/**
 * A lab's EQA standing for one item from its history of rounds (室间质评历史; DOMAIN.md §3). Flight-inspection
 * (飞行检查) and blind-sample (盲样) rounds count in the same history.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Trigger</b>: a round makes the item unsuccessful (不成功) when it is unsatisfactory (不满意) and the
 *       window of the last 3 rounds ending with it (fewer at the start of the history) holds at least 2
 *       unsatisfactory rounds. This covers both "2 consecutive rounds" (连续两次) and "2 of the last 3 rounds"
 *       (连续三次中两次). Only an unsatisfactory round can trigger: a satisfactory round never makes an item
 *       unsuccessful, even if the last 3 rounds still hold 2 old unsatisfactory ones.</li>
 *   <li><b>Recovery</b>: once unsuccessful, the standing stays {@link EqaStandingVerdict#UNSUCCESSFUL} until both a
 *       later satisfactory round (after the last triggering round) and a verified corrective action (纠正措施已验证)
 *       since that triggering round. The function does not know when the action was verified, only whether it has
 *       been ({@code correctiveActionVerifiedSinceUnsuccessful}), so the order of the two does not matter.</li>
 *   <li>The window is not reset by recovery: rounds keep counting literally. {@code [U, U, S, U]} is unsuccessful
 *       again at the fourth round (U, S, U: 2 of the last 3) even when the first episode was corrected.</li>
 *   <li>Otherwise the standing is that of the latest round: {@link EqaStandingVerdict#SATISFACTORY} or
 *       {@link EqaStandingVerdict#UNSATISFACTORY}; {@link EqaStandingVerdict#NONE} without rounds.</li>
 * </ul>
 */
public final class EqaHistory {

    private static final int WINDOW = 3;
    private static final int UNSATISFACTORY_IN_WINDOW = 2;

    private EqaHistory() {
    }

    /** {@link #standing(List, boolean)} with no verified corrective action. */
    public static EqaStandingVerdict standing(List<Boolean> satisfactoryByRoundOldestFirst) {
        return standing(satisfactoryByRoundOldestFirst, false);
    }

    /**
     * @param satisfactoryByRoundOldestFirst                 the item's rounds, oldest first: true = satisfactory
     * @param correctiveActionVerifiedSinceUnsuccessful whether a corrective action was verified after the latest
     *                                                       round that made the item unsuccessful; ignored when
     *                                                       the item never was
     */
    public static EqaStandingVerdict standing(List<Boolean> satisfactoryByRoundOldestFirst,
                                              boolean correctiveActionVerifiedSinceUnsuccessful) {
        Objects.requireNonNull(satisfactoryByRoundOldestFirst, "rounds");
        List<Boolean> rounds = List.copyOf(satisfactoryByRoundOldestFirst); // rejects null rounds
        if (rounds.isEmpty()) {
            return EqaStandingVerdict.NONE;
        }
        int lastTrigger = -1;
        for (int i = 0; i < rounds.size(); i++) {
            if (!rounds.get(i) && unsatisfactoryInWindowEndingAt(rounds, i) >= UNSATISFACTORY_IN_WINDOW) {
                lastTrigger = i;
            }
        }
        boolean latestSatisfactory = rounds.get(rounds.size() - 1);
        if (lastTrigger >= 0) {
            boolean laterSatisfactory = rounds.subList(lastTrigger + 1, rounds.size()).contains(Boolean.TRUE);
            if (!(laterSatisfactory && correctiveActionVerifiedSinceUnsuccessful)) {
                return EqaStandingVerdict.UNSUCCESSFUL;
            }
        }
        return latestSatisfactory ? EqaStandingVerdict.SATISFACTORY : EqaStandingVerdict.UNSATISFACTORY;
    }

    /**
     * The index of the latest round that made the item unsuccessful, or -1 when none did — the round a corrective
     * action must be verified after.
     */
    public static int lastTrigger(List<Boolean> satisfactoryByRoundOldestFirst) {
        List<Boolean> rounds = List.copyOf(satisfactoryByRoundOldestFirst);
        int lastTrigger = -1;
        for (int i = 0; i < rounds.size(); i++) {
            if (!rounds.get(i) && unsatisfactoryInWindowEndingAt(rounds, i) >= UNSATISFACTORY_IN_WINDOW) {
                lastTrigger = i;
            }
        }
        return lastTrigger;
    }

    /** A graded round of the item: when and whether satisfactory. */
    public record GradedRound(java.time.Instant gradedAt, boolean satisfactory) {
    }

    /**
     * The standing after {@code rounds} (oldest first) given when corrective actions were verified: an action
     * counts when verified after the round that last made the item unsuccessful.
     */
    public static EqaStandingVerdict standing(List<GradedRound> rounds, List<java.time.Instant> verifications) {
        List<Boolean> satisfactory = rounds.stream().map(GradedRound::satisfactory).toList();
        int trigger = lastTrigger(satisfactory);
        boolean verified = trigger >= 0 && verifications.stream()
                .anyMatch(v -> v.isAfter(rounds.get(trigger).gradedAt()));
        return standing(satisfactory, verified);
    }

    private static int unsatisfactoryInWindowEndingAt(List<Boolean> rounds, int end) {
        int count = 0;
        for (int i = Math.max(0, end - WINDOW + 1); i <= end; i++) {
            if (!rounds.get(i)) {
                count++;
            }
        }
        return count;
    }
}
