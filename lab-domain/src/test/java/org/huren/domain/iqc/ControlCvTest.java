package org.huren.domain.iqc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one CV definition (DOMAIN.md §4) recognition judges a month by and the monthly and sigma views show: rejected
 * runs' values left out, from 10 values, CV % to 2 decimals; the all-runs CV beside it. Expected figures worked at
 * 16 digits.
 */
class ControlCvTest {

    /**
     * Values as {@code value:status} (status A accepted, W warning, R rejected, - not evaluated), separated by
     * spaces; expected n, mean, CV %, n of all runs, all-runs CV % (- for none).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // 12 values ±0.05 around 4.00: SD 0.05 × √(12/11) = 0.0522233, CV 1.3056 %
            "3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:A"
                    + " | 12 | 4.00 | 1.31 | 12 | 1.31",
            // the same and a rejected run at 4.40: judged without it; with it 13 values, CV 3.0189 %
            "3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:A 4.40:R"
                    + " | 12 | 4.00 | 1.31 | 13 | 3.02",
            // warnings and not-yet-evaluated runs count
            "3.95:W 4.05:- 3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:W"
                    + " | 10 | 4.00 | 1.32 | 10 | 1.32",
            // 9 values: not judged yet (early in the month); the all-runs figure is descriptive only
            "3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:A 4.00:A | 9 | 4.00 | - | 9 | 1.25",
            // 10 values but one rejected: 9 judged, not judged
            "3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:A 4.00:A 9.00:R | 9 | 4.00 | - | 10 | 35.15",
            // a zero mean has no CV
            "-1:A 1:A -1:A 1:A -1:A 1:A -1:A 1:A -1:A 1:A | 10 | 0 | - | 10 | -",
            // one value: a mean, no SD
            "4.00:A | 1 | 4.00 | - | 1 | -",
            "4.00:R | 0 | - | - | 1 | -"})
    void theCvIsJudgedWithoutRejectedRunsFromTenValues(String values, int n, BigDecimal mean, BigDecimal cv,
                                                       int nAllRuns, BigDecimal cvAllRuns) {
        ControlCv.Figures figures = ControlCv.of(parse(values));
        assertThat(figures.n()).isEqualTo(n);
        if (mean == null) {
            assertThat(figures.mean()).isNull();
        } else {
            assertThat(figures.mean()).isEqualByComparingTo(mean);
        }
        assertThat(figures.cvPercent()).isEqualTo(cv == null ? null : cv.setScale(2));
        assertThat(figures.nAllRuns()).isEqualTo(nAllRuns);
        assertThat(figures.cvAllRunsPercent()).isEqualTo(cvAllRuns == null ? null : cvAllRuns.setScale(2));
        assertThat(figures.sd() == null).isEqualTo(n < 2);
    }

    @Test
    void theSdIsTheSampleSdOfTheJudgedValues() {
        ControlCv.Figures figures = ControlCv.of(parse("3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:A 3.95:A 4.05:A"
                + " 3.95:A 4.05:A 3.95:A 4.05:A 4.40:R"));
        assertThat(figures.sd()).isEqualByComparingTo("0.05222329678670935");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"2025-03-31T15:59:59Z, 2025-03", "2025-03-31T16:00:00Z, 2025-04", "2025-12-31T23:00:00Z, 2026-01"})
    void monthsAreChinaStandardTime(Instant at, String month) {
        assertThat(ControlCv.monthOf(at)).isEqualTo(month);
    }

    @ParameterizedTest(name = "{0}: [{1}, {2})")
    @CsvSource({"2025-03, 2025-02-28T16:00:00Z, 2025-03-31T16:00:00Z", "2025-12, 2025-11-30T16:00:00Z, 2025-12-31T16:00:00Z"})
    void aMonthIsTheInstantsMonthOfCountsInIt(String month, Instant start, Instant end) {
        assertThat(ControlCv.startOf(month)).isEqualTo(start);
        assertThat(ControlCv.endOf(month)).isEqualTo(end);
        assertThat(ControlCv.monthOf(start)).isEqualTo(month);
        assertThat(ControlCv.monthOf(end.minusNanos(1))).isEqualTo(month);
        assertThat(ControlCv.monthOf(end)).isNotEqualTo(month);
    }

    private static List<ControlCv.Value> parse(String values) {
        List<ControlCv.Value> parsed = new ArrayList<>();
        for (String token : values.trim().split("\\s+")) {
            String[] parts = token.split(":");
            RunStatus status = switch (parts[1]) {
                case "A" -> RunStatus.ACCEPTED;
                case "W" -> RunStatus.WARNING;
                case "R" -> RunStatus.REJECTED;
                default -> null;
            };
            parsed.add(new ControlCv.Value(new BigDecimal(parts[0]), status));
        }
        return parsed;
    }
}
