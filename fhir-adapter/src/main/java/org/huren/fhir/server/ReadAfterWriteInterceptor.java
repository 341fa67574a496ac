package org.huren.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.huren.fhir.read.ReadModelPositions;

import java.time.Duration;

/**
 * Read-your-writes on demand: a read carrying {@link HurenHeaders#AWAIT_POSITION} waits (bounded) until the
 * read models have processed that event position, so a client or a test never has to sleep.
 */
@Interceptor
public class ReadAfterWriteInterceptor {

    static final long DEFAULT_WAIT_MILLIS = 10_000;
    static final long MAX_WAIT_MILLIS = 60_000;

    private final ReadModelPositions positions;

    public ReadAfterWriteInterceptor(ReadModelPositions positions) {
        this.positions = positions;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void awaitPosition(RequestDetails request) {
        String position = request.getHeader(HurenHeaders.AWAIT_POSITION);
        if (position == null || request.getRequestType() != RequestTypeEnum.GET) {
            return;
        }
        long target = parse(position, HurenHeaders.AWAIT_POSITION);
        String millisHeader = request.getHeader(HurenHeaders.AWAIT_MILLIS);
        long millis = millisHeader == null ? DEFAULT_WAIT_MILLIS
                : Math.min(MAX_WAIT_MILLIS, Math.max(0, parse(millisHeader, HurenHeaders.AWAIT_MILLIS)));
        if (!positions.awaitPosition(target, Duration.ofMillis(millis))) {
            OperationOutcome outcome = Problem.of(503, "read-model-behind")
                    .issue(OperationOutcome.IssueType.TRANSIENT, null, "the read models have not reached position "
                            + target + " within " + millis + " ms; retry")
                    .toOperationOutcome();
            throw new ReadModelBehindException("read models behind position " + target, outcome);
        }
    }

    private static long parse(String value, String header) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("header " + header + " must be a whole number, not '" + value + "'");
        }
    }

    /** 503: the read model is behind the requested position; the client may retry. */
    public static final class ReadModelBehindException extends BaseServerResponseException {
        ReadModelBehindException(String message, OperationOutcome outcome) {
            super(503, message, outcome);
        }
    }
}
