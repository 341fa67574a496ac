package org.huren.domain.localcode;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which version of a code's mapping covers a result taken on a given day (a day in China Standard Time), as a pure
 * function over the code's versions (ADR 0017):
 * <ul>
 *   <li>the version with the latest effective date on or before the day (the later change on the same day) —
 *       unless that version is a retirement: then the result is unmapped;</li>
 *   <li>a day before every version: the earliest retroactive mapping, if any — a mapping that "says so" reaches
 *       back over results stored before it took effect; otherwise the result stays unmapped.</li>
 * </ul>
 */
public final class LocalCodeResolution {

    private static final Comparator<MappingVersion> ORDER = Comparator.comparing(MappingVersion::effectiveFrom)
            .thenComparingInt(MappingVersion::mapVersion);

    private LocalCodeResolution() {
    }

    public static Optional<MappingVersion> inForce(List<MappingVersion> versions, LocalDate day) {
        if (versions == null || versions.isEmpty() || day == null) {
            return Optional.empty();
        }
        Optional<MappingVersion> covering = versions.stream().filter(v -> !v.effectiveFrom().isAfter(day))
                .max(ORDER);
        if (covering.isPresent()) {
            return covering.filter(v -> !v.retired());
        }
        return versions.stream().filter(v -> v.retroactive() && !v.retired()).min(ORDER);
    }
}
