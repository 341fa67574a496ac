package org.huren.fhir.ingest;

import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Observations are lab results: by the observation-category codes they carry. */
class ObservationMapperTest {

    @ParameterizedTest(name = "categories [{0}] → lab result: {1}")
    @CsvSource({
            "'',                                  true",
            "laboratory,                          true",
            "vital-signs,                         false",
            "survey,                              false",
            "vital-signs laboratory,              true",
            "local:chemistry,                     true",
            "local:chemistry vital-signs,         false"
    })
    void aResultIsLabDataUnlessItsStandardCategorySaysOtherwise(String categories, boolean lab) {
        Observation observation = new Observation();
        for (String category : categories.split(" ")) {
            if (category.isBlank()) {
                continue;
            }
            boolean local = category.startsWith("local:");
            observation.addCategory().addCoding()
                    .setSystem(local ? "http://hospital.example/categories" : ObservationMapper.CATEGORY_SYSTEM)
                    .setCode(local ? category.substring(6) : category);
        }
        assertThat(ObservationMapper.isLabResult(observation)).isEqualTo(lab);
    }
}
