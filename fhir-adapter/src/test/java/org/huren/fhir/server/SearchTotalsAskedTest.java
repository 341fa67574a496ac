package org.huren.fhir.server;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.huren.domain.query.SearchTotal;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a search's {@code _total}, {@code _summary=count} and {@code _count=0} decide what is counted. */
class SearchTotalsAskedTest {

    @Test
    void unaskedTheMatchesAreCountedUpToTheLimit() {
        assertThat(SearchResultParameters.total(request(Map.of()))).isEqualTo(SearchTotal.UP_TO_LIMIT);
        assertThat(SearchResultParameters.total(request(Map.of("_count", "20")))).isEqualTo(SearchTotal.UP_TO_LIMIT);
    }

    @Test
    void eachModeFhirDefines() {
        assertThat(SearchResultParameters.total(request(Map.of("_total", "accurate")))).isEqualTo(SearchTotal.ACCURATE);
        assertThat(SearchResultParameters.total(request(Map.of("_total", "estimate")))).isEqualTo(SearchTotal.ESTIMATE);
        assertThat(SearchResultParameters.total(request(Map.of("_total", "none")))).isEqualTo(SearchTotal.NONE);
        assertThat(SearchResultParameters.total(request(Map.of("_total", "estimated"))))
                .as("as HAPI's client sends it").isEqualTo(SearchTotal.ESTIMATE);
    }

    /** A search asking for nothing but the count gets every match counted, however many. */
    @Test
    void theCountAloneIsAccurate() {
        assertThat(SearchResultParameters.total(request(Map.of("_summary", "count")))).isEqualTo(SearchTotal.ACCURATE);
        assertThat(SearchResultParameters.total(request(Map.of("_count", "0")))).isEqualTo(SearchTotal.ACCURATE);
        assertThat(SearchResultParameters.total(request(Map.of("_count", "0", "_total", "estimate"))))
                .as("unless the search says otherwise").isEqualTo(SearchTotal.ESTIMATE);
    }

    @Test
    void anUnknownModeIsRefusedNamingTotal() {
        assertThatThrownBy(() -> SearchResultParameters.total(request(Map.of("_total", "sometimes"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("_total is one of accurate, "
                        + "estimate or none, not 'sometimes'");
    }

    private static SystemRequestDetails request(Map<String, String> parameters) {
        Map<String, String[]> asked = new HashMap<>();
        parameters.forEach((name, value) -> asked.put(name, new String[]{value}));
        SystemRequestDetails request = new SystemRequestDetails();
        request.setParameters(asked);
        return request;
    }
}
