package org.huren.domain.alliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Dates in alliance rules (validity, expiry) are calendar days in China Standard Time. */
public final class AllianceTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private AllianceTime() {
    }

    /** The first instant after {@code date} has ended: when something valid until that date expires. */
    public static Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    /** The first instant of {@code date}: when something valid from that date begins. */
    public static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    public static LocalDate dateOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }
}
