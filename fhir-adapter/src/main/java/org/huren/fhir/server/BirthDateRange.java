package org.huren.fhir.server;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.huren.domain.query.DateRange;

import java.time.LocalDate;

/**
 * The days a {@code birthdate} search covers, from the dates as written ({@code 1984}, {@code 1984-07},
 * {@code ge1984-07-15}, {@code lt1985} …). A birth date is a calendar date with no time zone, so the days are read
 * from the text: HAPI's instants for such a date are widened to cover every time zone on earth (from UTC+14 to
 * UTC-12), which would take in the day before and the day after.
 */
final class BirthDateRange {

    private BirthDateRange() {
    }

    static DateRange of(DateRangeParam range) {
        if (range == null) {
            return null;
        }
        return new DateRange(first(range.getLowerBound()), last(range.getUpperBound()));
    }

    private static LocalDate first(DateParam bound) {
        if (bound == null || bound.getValueAsString() == null) {
            return null;
        }
        boolean after = bound.getPrefix() == ParamPrefixEnum.GREATERTHAN
                || bound.getPrefix() == ParamPrefixEnum.STARTS_AFTER;
        return after ? end(bound).plusDays(1) : start(bound);
    }

    private static LocalDate last(DateParam bound) {
        if (bound == null || bound.getValueAsString() == null) {
            return null;
        }
        boolean before = bound.getPrefix() == ParamPrefixEnum.LESSTHAN
                || bound.getPrefix() == ParamPrefixEnum.ENDS_BEFORE;
        return before ? start(bound).minusDays(1) : end(bound);
    }

    private static LocalDate start(DateParam bound) {
        String text = bound.getValueAsString();
        TemporalPrecisionEnum precision = bound.getPrecision();
        try {
            return LocalDate.of(Integer.parseInt(text.substring(0, 4)),
                    precision == TemporalPrecisionEnum.YEAR ? 1 : Integer.parseInt(text.substring(5, 7)),
                    precision == TemporalPrecisionEnum.YEAR || precision == TemporalPrecisionEnum.MONTH ? 1
                            : Integer.parseInt(text.substring(8, 10)));
        } catch (RuntimeException e) {
            throw Problem.of(400, "invalid-date").issue(IssueType.INVALID, "birthdate",
                    "birthdate takes a date (yyyy, yyyy-mm or yyyy-mm-dd), not '" + text + "'").exception();
        }
    }

    private static LocalDate end(DateParam bound) {
        LocalDate start = start(bound);
        return switch (bound.getPrecision()) {
            case YEAR -> start.plusYears(1).minusDays(1);
            case MONTH -> start.plusMonths(1).minusDays(1);
            default -> start;
        };
    }
}
