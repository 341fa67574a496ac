package org.huren.domain.localcode.query;

import java.time.Instant;
import java.util.List;

/**
 * A local code a lab sent that maps to nothing: how many of its results carry it, when the first and the last were
 * taken, and a few of them as examples (newest first).
 */
public record UnmappedCode(String system, String code, String display, long results, Instant firstTaken,
                           Instant lastTaken, List<Example> examples) {

    public UnmappedCode {
        examples = List.copyOf(examples);
    }

    /** One result with the code: its id, when it was taken, its value and unit as sent. */
    public record Example(String resultId, Instant effectiveAt, java.math.BigDecimal value, String unit) {
    }
}
