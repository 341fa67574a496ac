package org.huren.domain.query;

import java.time.LocalDate;

/** A closed range of calendar days, e.g. of a birth date; either end may be open (null). */
public record DateRange(LocalDate from, LocalDate to) {
}
