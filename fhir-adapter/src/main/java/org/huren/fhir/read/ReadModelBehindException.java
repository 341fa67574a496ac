package org.huren.fhir.read;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.huren.fhir.server.Problem;

import java.util.Set;

/**
 * 503: a read model has not caught up within the time a request may wait; the client may retry. On {@code /fhir}
 * it is an OperationOutcome, on {@code /api} problem+json with rule {@code read-model-behind}.
 */
public class ReadModelBehindException extends BaseServerResponseException {

    public static final String RULE = "read-model-behind";

    public ReadModelBehindException(String detail) {
        super(503, detail, outcome(detail));
    }

    /** The read models have not reached a write's position within the wait the request allowed. */
    public static ReadModelBehindException position(long position, Set<ReadModel> readModels, long millis) {
        return new ReadModelBehindException("the read models " + names(readModels) + " have not reached position "
                + position + " within " + millis + " ms; retry");
    }

    /** A write could not confirm a refusal: the read model it checks did not catch up in time. */
    public static ReadModelBehindException unconfirmed(ReadModel readModel, long millis) {
        return new ReadModelBehindException("the " + readModel.processingGroup() + " read model has not caught up "
                + "with the event store within " + millis + " ms, so the request cannot be checked; retry");
    }

    private static String names(Set<ReadModel> readModels) {
        return readModels.stream().map(ReadModel::processingGroup).sorted().toList().toString();
    }

    private static OperationOutcome outcome(String detail) {
        return Problem.of(503, RULE).issue(OperationOutcome.IssueType.TRANSIENT, null, detail).toOperationOutcome();
    }
}
