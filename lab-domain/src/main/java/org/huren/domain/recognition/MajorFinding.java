package org.huren.domain.recognition;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A major finding of an on-site assessment or audit (现场评估, 质控督查; DOMAIN.md §5) at the lab. Open from
 * {@code recordedAt} until its corrective action is verified.
 *
 * @param verifiedAt when its corrective action was verified; {@code null} while not verified
 * @param itemCodes  the catalog items it affects; empty when it affects the whole lab
 */
public record MajorFinding(String findingId, Instant recordedAt, Instant verifiedAt, Set<String> itemCodes,
                           String eventId) {

    public MajorFinding {
        Objects.requireNonNull(recordedAt, "recordedAt");
        itemCodes = itemCodes == null ? Set.of() : Set.copyOf(itemCodes);
    }

    public boolean wholeLab() {
        return itemCodes.isEmpty();
    }

    /** Whether it affects {@code itemCode} (a whole-lab finding affects every item, even an unknown one). */
    public boolean affects(String itemCode) {
        return wholeLab() || itemCode != null && itemCodes.contains(itemCode);
    }

    /** Whether it is open at {@code instant}: recorded by then and not verified by then. */
    public boolean openAt(Instant instant) {
        return !recordedAt.isAfter(instant) && (verifiedAt == null || verifiedAt.isAfter(instant));
    }
}
