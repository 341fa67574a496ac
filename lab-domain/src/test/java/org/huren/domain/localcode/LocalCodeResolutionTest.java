package org.huren.domain.localcode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which version covers a result's day. Versions are written {@code version:effectiveFrom:target}, target a LOINC
 * code, {@code -} for a retirement, {@code +} suffix for retroactive; the answer is the covering version's number,
 * or 0 for unmapped.
 */
class LocalCodeResolutionTest {

    @ParameterizedTest(name = "{0} on {1} → {2}")
    @CsvSource(delimiter = ';', value = {
            // one mapping from 12-10: later days are covered, earlier ones not (unless retroactive)
            "1:2026-12-10:14749-6;     2026-12-10; 1",
            "1:2026-12-10:14749-6;     2026-12-31; 1",
            "1:2026-12-10:14749-6;     2026-12-09; 0",
            "1:2026-12-10:14749-6+;    2026-01-01; 1",
            // an amendment from 12-20: before it the first version, from it the second
            "1:2026-12-10:14749-6 2:2026-12-20:2345-7;  2026-12-19; 1",
            "1:2026-12-10:14749-6 2:2026-12-20:2345-7;  2026-12-20; 2",
            "1:2026-12-10:14749-6 2:2026-12-20:2345-7;  2026-12-01; 0",
            // retroactive first version reaches back; a retroactive amendment reaches back before the first
            "1:2026-12-10:14749-6+ 2:2026-12-20:2345-7; 2026-11-01; 1",
            "1:2026-12-10:14749-6 2:2026-12-20:2345-7+; 2026-11-01; 2",
            // a retirement: unmapped from its day, mapped before
            "1:2026-12-10:14749-6 2:2026-12-20:-;       2026-12-21; 0",
            "1:2026-12-10:14749-6 2:2026-12-20:-;       2026-12-15; 1",
            // mapped again after the retirement
            "1:2026-12-10:14749-6 2:2026-12-20:- 3:2027-01-05:14749-6; 2027-01-05; 3",
            "1:2026-12-10:14749-6 2:2026-12-20:- 3:2027-01-05:14749-6; 2026-12-31; 0",
            // two changes on one day: the later one
            "1:2026-12-10:14749-6 2:2026-12-10:2345-7;  2026-12-10; 2",
            // nothing mapped at all
            ";                                           2026-12-10; 0"})
    void theCoveringVersion(String versions, LocalDate day, int expected) {
        List<MappingVersion> list = new ArrayList<>();
        for (String spec : versions == null ? new String[0] : versions.trim().split("\\s+")) {
            String[] part = spec.split(":");
            boolean retroactive = part[2].endsWith("+");
            String target = part[2].replace("+", "");
            list.add(new MappingVersion("M", Integer.parseInt(part[0]), LocalDate.parse(part[1]), retroactive,
                    target.equals("-") ? null : "GLU", target.equals("-") ? null : target, "Glucose", "E" + part[0]));
        }
        assertThat(LocalCodeResolution.inForce(list, day).map(MappingVersion::mapVersion).orElse(0))
                .isEqualTo(expected);
    }
}
