package org.huren.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.read.ReadModelBehindException;
import org.huren.fhir.read.ReadModelPositions;

import java.time.Duration;
import java.util.Set;

/**
 * Read-your-writes on demand: a request carrying {@link HurenHeaders#AWAIT_POSITION} waits (bounded) until the
 * read models it reads ({@link FhirReadModels}) have processed that event position, so a client or a test never
 * has to sleep. Writes honour it too, before checking what they check.
 */
@Interceptor
public class ReadAfterWriteInterceptor {

    private final ReadModelPositions positions;

    public ReadAfterWriteInterceptor(ReadModelPositions positions) {
        this.positions = positions;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void awaitPosition(RequestDetails request, RestOperationTypeEnum interaction) {
        awaitPosition(request, request.getResourceName(), interaction, request.getOperation());
    }

    /**
     * Waits as {@code request}'s headers ask for the read models that an interaction reads — the request's own, or
     * one of its batch's GET entries.
     */
    public void awaitPosition(RequestDetails request, String resourceType, RestOperationTypeEnum interaction,
                              String operation) {
        String position = request.getHeader(HurenHeaders.AWAIT_POSITION);
        if (position == null) {
            return;
        }
        long target = parse(position, HurenHeaders.AWAIT_POSITION);
        String millisHeader = request.getHeader(HurenHeaders.AWAIT_MILLIS);
        Object deadline = request instanceof ServletRequestDetails servlet
                ? servlet.getServletRequest().getAttribute(HurenHeaders.AWAIT_DEADLINE_ATTRIBUTE) : null;
        long millis;
        long asked;
        try {
            millis = HurenHeaders.remainingAwaitMillis(deadline, millisHeader);
            asked = HurenHeaders.remainingAwaitMillis(null, millisHeader);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("header " + HurenHeaders.AWAIT_MILLIS + " must be a whole number, not '"
                    + millisHeader + "'");
        }
        Set<ReadModel> reads = FhirReadModels.of(resourceType, interaction, operation);
        if (!positions.awaitPosition(target, reads, Duration.ofMillis(millis))) {
            throw ReadModelBehindException.position(target, reads, asked);
        }
    }

    private static long parse(String value, String header) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("header " + header + " must be a whole number, not '" + value + "'");
        }
    }
}
