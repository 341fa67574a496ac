package org.huren.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts refused writes by reason and by the lab whose token sent them ({@code huren.ingest.rejections}: which
 * hospital's LIS is failing, and why), the reason taken from the OperationOutcome; and logs each one, under the
 * request's correlation id, for the operator who then looks for it.
 */
@Interceptor
public class RejectionMetricsInterceptor {

    /** The {@code lab} tag of a request whose caller acts for no lab (or is not known yet). */
    public static final String NO_LAB = "none";
    private static final Logger LOG = LoggerFactory.getLogger(RejectionMetricsInterceptor.class);

    private final MeterRegistry meters;

    public RejectionMetricsInterceptor(MeterRegistry meters) {
        this.meters = meters;
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException count(RequestDetails request, Throwable exception) {
        if (request != null && request.getRequestType() != RequestTypeEnum.GET
                && exception instanceof BaseServerResponseException response) {
            String reason = reasonOf(response);
            String lab = labOf(request);
            meters.counter("huren.ingest.rejections", "reason", reason,
                    "status", Integer.toString(response.getStatusCode()), "lab", lab).increment();
            LOG.info("refused {} {} from lab {}: {} ({})", request.getRequestType(),
                    request instanceof ServletRequestDetails servlet ? servlet.getServletRequest().getRequestURI()
                            : request.getRequestPath(), lab, reason, response.getStatusCode());
        }
        return null;
    }

    /** The lab tag of a request: the member lab its token acts for. */
    static String labOf(RequestDetails request) {
        String lab = Caller.labOf(request);
        return lab == null ? NO_LAB : lab;
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
