package org.huren.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Times every FHIR request as {@code huren.fhir.requests} ({@code huren_fhir_requests_seconds} in Prometheus):
 * Spring's {@code http.server.requests} sees all of {@code /fhir} as one unknown URI, so the clinician-facing
 * {@code $reusable} had no latency of its own.
 * <p>
 * Tags, all bounded: {@code interaction} (read, vread, search-type, create, update, transaction, operation,
 * metadata, …; {@code unknown} when HAPI found no method for the request), {@code resourceType} and
 * {@code operation} (only once HAPI routed the request to one of the server's own methods, so a client cannot mint
 * new values; {@code none} otherwise), {@code status} and {@code outcome} (SUCCESS, CLIENT_ERROR, SERVER_ERROR, as
 * in Spring's metric). The time is HAPI's part of the request: from HAPI receiving it to the answer written, not
 * the wait for a read model ({@code X-HuRen-Await-Position}) before it.
 */
@Interceptor
public class FhirRequestMetricsInterceptor {

    /** The meter's name. */
    public static final String METER = "huren.fhir.requests";
    private static final String SAMPLE = FhirRequestMetricsInterceptor.class.getName() + ".sample";
    private static final String NONE = "none";

    private final MeterRegistry meters;

    public FhirRequestMetricsInterceptor(MeterRegistry meters) {
        this.meters = meters;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean start(HttpServletRequest request) {
        request.setAttribute(SAMPLE, Timer.start(meters));
        return true;
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void stop(RequestDetails request, ServletRequestDetails servlet) {
        if (servlet == null || !(servlet.getServletRequest().getAttribute(SAMPLE) instanceof Timer.Sample sample)) {
            return;
        }
        servlet.getServletRequest().removeAttribute(SAMPLE);
        int status = servlet.getServletResponse().getStatus();
        sample.stop(Timer.builder(METER)
                .description("FHIR requests by interaction, resource type, operation and answer")
                .tags(tags(request, status))
                .register(meters));
    }

    static Tags tags(RequestDetails request, int status) {
        RestOperationTypeEnum type = request.getRestOperationType();
        boolean routed = type != null;
        return Tags.of(
                "interaction", interaction(type),
                "resourceType", routed && request.getResourceName() != null ? request.getResourceName() : NONE,
                "operation", routed && request.getOperation() != null && request.getOperation().startsWith("$")
                        ? request.getOperation() : NONE,
                "status", Integer.toString(status),
                "outcome", status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR"
                        : status >= 300 ? "REDIRECTION" : "SUCCESS");
    }

    static String interaction(RestOperationTypeEnum type) {
        if (type == null) {
            return "unknown";
        }
        return switch (type) {
            case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> "operation";
            default -> type.getCode();
        };
    }
}
