package org.huren.fhir.server;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import org.huren.fhir.read.ReadModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A request waiting before HAPI parses it waits for what the interaction it will be declares. */
class FhirReadModelsTest {

    @ParameterizedTest(name = "{0} {1} is {2} {3} {4}")
    @CsvSource(nullValues = "-", value = {
            "GET, /Observation, Observation, SEARCH_TYPE, -",
            "POST, /Observation/_search, Observation, SEARCH_TYPE, -",
            "GET, /Observation/abc, Observation, READ, -",
            "GET, /Observation/abc/_history/2, Observation, VREAD, -",
            "GET, /Observation/abc/_history, Observation, HISTORY_INSTANCE, -",
            "POST, /Observation, Observation, CREATE, -",
            "PUT, /Observation/abc, Observation, UPDATE, -",
            "GET, /Observation/$reusable, Observation, EXTENDED_OPERATION_TYPE, $reusable",
            "GET, /Observation/abc/$recognition, Observation, EXTENDED_OPERATION_INSTANCE, $recognition",
            "POST, /Observation/$eqa-result, Observation, EXTENDED_OPERATION_TYPE, $eqa-result",
            "POST, '', -, TRANSACTION, -",
            "POST, /, -, TRANSACTION, -",
            "GET, /metadata, -, METADATA, -",
            "GET, /Patient/p1, Patient, READ, -",
            "GET, /CodeSystem, CodeSystem, SEARCH_TYPE, -",
    })
    void aPathWaitsForWhatItsInteractionReads(String method, String path, String type,
                                             RestOperationTypeEnum interaction, String operation) {
        assertThat(FhirReadModels.ofPath(method, path)).isEqualTo(FhirReadModels.of(type, interaction, operation));
    }

    @ParameterizedTest
    @CsvSource({"DELETE, /Observation/abc", "GET, /Observation/abc/_meta", "GET, ''", "PATCH, /Observation"})
    void aPathThatDoesNotSayWaitsForEveryReadModel(String method, String path) {
        assertThat(FhirReadModels.ofPath(method, path)).isEqualTo(ReadModel.ALL);
    }
}
