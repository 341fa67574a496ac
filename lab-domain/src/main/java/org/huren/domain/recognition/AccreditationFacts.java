package org.huren.domain.recognition;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One period of the lab's accreditation (项目准入) for one item: valid on the calendar days {@code validFrom} to
 * {@code validUntil} inclusive (China Standard Time, {@link org.huren.domain.alliance.AllianceTime}), unless
 * withdrawn, from {@code withdrawnEffectiveAt} on.
 *
 * @param withdrawnEffectiveAt when a withdrawal took effect; {@code null} when not withdrawn
 * @param eventId              the event that last changed this accreditation (granted or withdrawn)
 */
public record AccreditationFacts(String itemCode, LocalDate validFrom, LocalDate validUntil,
                                 Instant withdrawnEffectiveAt, String assessmentId, String eventId) {

    public AccreditationFacts {
        Objects.requireNonNull(itemCode, "itemCode");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException("accreditation valid until " + validUntil + " before " + validFrom);
        }
    }
}
