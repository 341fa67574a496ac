package org.huren.domain.eqa;

import java.time.Instant;
import java.util.List;

/**
 * What grading a round decided: when, by what ({@link EqaRoundGraded#trigger()}) and whom, and every participant ×
 * item grade — the answer to {@link CloseEqaRound}.
 */
public record RoundGrades(String roundId, Instant gradedAt, String trigger, String gradedBy,
                          List<EqaItemGraded> grades) {

    public RoundGrades {
        grades = List.copyOf(grades);
    }
}
