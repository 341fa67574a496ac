package org.huren.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Counts refused writes by reason ({@code huren.ingest.rejections}), the reason taken from the OperationOutcome. */
@Interceptor
public class RejectionMetricsInterceptor {

    private final MeterRegistry meters;

    public RejectionMetricsInterceptor(MeterRegistry meters) {
        this.meters = meters;
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException count(RequestDetails request, Throwable exception) {
        if (request != null && request.getRequestType() != RequestTypeEnum.GET
                && exception instanceof BaseServerResponseException response) {
            meters.counter("huren.ingest.rejections", "reason", reasonOf(response),
                    "status", Integer.toString(response.getStatusCode())).increment();
        }
        return null;
    }

    static String reasonOf(BaseServerResponseException exception) {
        if (exception.getOperationOutcome() instanceof OperationOutcome outcome) {
            for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
                for (Coding coding : issue.getDetails().getCoding()) {
                    if (Problem.REASON_SYSTEM.equals(coding.getSystem())) {
                        return coding.getCode();
                    }
                }
            }
        }
        return exception.getStatusCode() == 400 ? "invalid-fhir" : "http-" + exception.getStatusCode();
    }
}
