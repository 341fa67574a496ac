package org.huren.fhir.server;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The tags of {@code huren.fhir.requests}: bounded whatever the client sends. */
class FhirRequestMetricsInterceptorTest {

    @Test
    void anUnroutedRequestNamesNoResourceTypeOrOperationOfTheClients() {
        ServletRequestDetails request = new ServletRequestDetails();
        request.setResourceName("NoSuchType" + System.nanoTime());
        request.setOperation("$made-up");
        assertThat(FhirRequestMetricsInterceptor.tags(request, 404)).containsExactlyInAnyOrder(
                Tag.of("interaction", "unknown"), Tag.of("resourceType", "none"), Tag.of("operation", "none"),
                Tag.of("status", "404"), Tag.of("outcome", "CLIENT_ERROR"));
    }

    @Test
    void aRoutedOperationIsNamedAndEveryKindOfOperationIsOneInteraction() {
        ServletRequestDetails request = new ServletRequestDetails();
        request.setRestOperationType(RestOperationTypeEnum.EXTENDED_OPERATION_TYPE);
        request.setResourceName("Observation");
        request.setOperation("$reusable");
        assertThat(FhirRequestMetricsInterceptor.tags(request, 200)).containsExactlyInAnyOrder(
                Tag.of("interaction", "operation"), Tag.of("resourceType", "Observation"),
                Tag.of("operation", "$reusable"), Tag.of("status", "200"), Tag.of("outcome", "SUCCESS"));
        assertThat(FhirRequestMetricsInterceptor.interaction(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE))
                .isEqualTo("operation");
        assertThat(FhirRequestMetricsInterceptor.interaction(RestOperationTypeEnum.SEARCH_TYPE))
                .isEqualTo("search-type");
        assertThat(FhirRequestMetricsInterceptor.interaction(RestOperationTypeEnum.TRANSACTION))
                .isEqualTo("transaction");
    }
}
