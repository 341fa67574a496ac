package org.huren.domain.eqa;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class BlindSampleCodesTest {

    static Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        return Stream.of(
                // given codes, accessions, expected codes
                arguments(list(null, null), list("lis|A1", "lis|A2"), list("S1", "S2")),
                arguments(list(null, null, null), list("lis|A1", "lis|A1", "lis|A2"), list("S1", "S1", "S2")),
                arguments(list("S1", null), list("lis|A1", "lis|A2"), list("S1", "S2")),
                arguments(list(null, "S1"), list("lis|A1", "lis|A2"), list("S2", "S1")),
                arguments(list("X", " ", null), list("lis|A1", "lis|A2", "lis|A3"), list("X", "S1", "S2")),
                arguments(list(null, null), list(null, null), list("S1", "S2")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void samplesWithoutACodeAreNamedByTheirAccessionsPlaceNeverByTheAccession(List<String> given,
                                                                              List<String> accessions,
                                                                              List<String> expected) {
        assertThat(BlindSampleCodes.assign(given, accessions)).isEqualTo(expected);
    }

    private static List<String> list(String... values) {
        return Arrays.asList(values);
    }
}
