package org.huren.domain.recognition;

import java.time.Instant;
import java.util.Objects;

/**
 * The lab's standing in external quality assessment (室间质评, DOMAIN.md §3) for the item after its latest graded
 * round, blind samples (盲样) included.
 *
 * @param satisfactory whether the latest round scored satisfactory (≥ 80 % by default)
 * @param unsuccessful whether the lab's performance is unsuccessful (2 consecutive, or 2 of the last 3, rounds
 *                     unsatisfactory) and not yet cleared by a later satisfactory round and a verified corrective
 *                     action
 */
public record EqaStanding(String roundId, Instant gradedAt, boolean satisfactory, boolean unsuccessful,
                          String eventId) {

    public EqaStanding {
        Objects.requireNonNull(gradedAt, "gradedAt");
    }
}
