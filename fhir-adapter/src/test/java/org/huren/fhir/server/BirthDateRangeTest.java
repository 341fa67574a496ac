package org.huren.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.QualifiedParamList;
import ca.uhn.fhir.rest.param.DateRangeParam;
import org.huren.domain.query.DateRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A birthdate search covers the days its dates say, whatever the server's time zone. */
class BirthDateRangeTest {

    @ParameterizedTest(name = "birthdate={0} covers {1} … {2}")
    @CsvSource(nullValues = "-", value = {
            "1984-07-15, 1984-07-15, 1984-07-15",
            "eq1984-07-15, 1984-07-15, 1984-07-15",
            "1984-07, 1984-07-01, 1984-07-31",
            "1984, 1984-01-01, 1984-12-31",
            "1984-02, 1984-02-01, 1984-02-29",
            "ge1984-07-15, 1984-07-15, -",
            "gt1984-07-15, 1984-07-16, -",
            "gt1984-07, 1984-08-01, -",
            "le1984-07, -, 1984-07-31",
            "lt1984-07-15, -, 1984-07-14",
            "lt1985, -, 1984-12-31",
            "ge1984-07-01 & lt1984-08-01, 1984-07-01, 1984-07-31",
    })
    void coversTheDaysItsDatesSay(String query, LocalDate from, LocalDate to) {
        DateRangeParam range = new DateRangeParam();
        range.setValuesAsQueryTokens(FhirContext.forR4Cached(), "birthdate", Arrays.stream(query.split(" & "))
                .map(QualifiedParamList::singleton).toList());
        assertThat(BirthDateRange.of(range)).isEqualTo(new DateRange(from, to));
    }
}
