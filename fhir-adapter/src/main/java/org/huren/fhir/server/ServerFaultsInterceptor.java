package org.huren.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults of the server itself, as FHIR clients should see them: the database unreachable → 503 with
 * {@code Retry-After}; any other unexpected failure → 500 saying only that it happened and its correlation id (the
 * cause, SQL included, goes to the log, never to the client).
 */
@Interceptor
public class ServerFaultsInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ServerFaultsInterceptor.class);

    private final DatabaseAvailability database;

    public ServerFaultsInterceptor(DatabaseAvailability database) {
        this.database = database;
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException fault(RequestDetails request, Throwable exception) {
        if (DatabaseAvailability.isUnreachable(exception)) {
            database.tripped();
            LOG.warn("database unreachable during {} {}: {}", request.getRequestType(), request.getCompleteUrl(),
                    rootMessage(exception));
            return unavailable(database);
        }
        if (exception instanceof BaseServerResponseException answer && !(answer instanceof InternalErrorException)) {
            return null;
        }
        LOG.error("internal error during {} {}", request.getRequestType(), request.getCompleteUrl(), exception);
        OperationOutcome outcome = Problem.of(500, "internal-error").issue(OperationOutcome.IssueType.EXCEPTION,
                null, "internal error; the server log has its details under this request's X-Request-Id")
                .toOperationOutcome();
        return new InternalErrorException("internal error", outcome);
    }

    /** A 503 with an OperationOutcome and {@code Retry-After}: the database cannot be reached now. */
    public static BaseServerResponseException unavailable(DatabaseAvailability database) {
        OperationOutcome outcome = Problem.of(503, "database-unavailable").issue(OperationOutcome.IssueType.TRANSIENT,
                null, "the database cannot be reached just now; retry the request after "
                        + database.retryAfterSeconds() + " s (HuRen's writes are idempotent)").toOperationOutcome();
        BaseServerResponseException unavailable = new BaseServerResponseException(503,
                "the database cannot be reached just now", outcome) {
        };
        unavailable.addResponseHeader("Retry-After", Long.toString(database.retryAfterSeconds()));
        return unavailable;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
