package org.huren.fhir.server;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with a request — each issue naming the offending element by FHIRPath — and
 * turns it into the HAPI exception that answers with an OperationOutcome and the right HTTP status.
 * {@code reason} is a stable code, sent in each issue's {@code details} and counted in the rejection metrics.
 * <p>
 * The message is English. An issue may carry the values its text names ({@code arguments}): the server's output
 * layer words the issue in the client's language from the reason code, the expression and those values (README,
 * "Languages and identifier systems"); they travel with the issue as {@link #ARGUMENTS} user data, never on the wire.
 */
public final class Problem {

    /** The CodeSystem of HuRen's rejection reasons, carried in every issue's {@code details}. */
    public static final String REASON_SYSTEM = "https://huren.org/fhir/CodeSystem/rejection-reason";

    /** The user-data key under which an OperationOutcome issue keeps the values its translations need. */
    public static final String ARGUMENTS = "huren.problem.arguments";

    public record Issue(IssueType type, String expression, String message, List<Object> arguments) {
    }

    private final int status;
    private final String reason;
    private final List<Issue> issues = new ArrayList<>();

    private Problem(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    public static Problem of(int status, String reason) {
        return new Problem(status, reason);
    }

    /** An issue at {@code expression}; {@code arguments} are the values the rule's text names besides it. */
    public Problem issue(IssueType type, String expression, String message, Object... arguments) {
        // values may be null (an absent unit, a missing date): List.of would refuse them
        issues.add(new Issue(type, expression, message,
                java.util.Collections.unmodifiableList(java.util.Arrays.asList(arguments.clone()))));
        return this;
    }

    /** The issue of a broken domain rule: its field placed at {@code expression}, its message and values. */
    public Problem issue(IssueType type, String expression, org.huren.domain.common.DomainRuleViolation violation) {
        return issue(type, expression, violation.getMessage(), violation.arguments().toArray());
    }

    public boolean isEmpty() {
        return issues.isEmpty();
    }

    public String reason() {
        return reason;
    }

    public OperationOutcome toOperationOutcome() {
        OperationOutcome outcome = new OperationOutcome();
        for (Issue issue : issues) {
            OperationOutcome.OperationOutcomeIssueComponent component = outcome.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(issue.type())
                    .setDiagnostics(issue.message());
            component.getDetails().addCoding().setSystem(REASON_SYSTEM).setCode(reason);
            component.setUserData(ARGUMENTS, issue.arguments());
            if (issue.expression() != null) {
                component.addExpression(issue.expression());
            }
        }
        return outcome;
    }

    public BaseServerResponseException exception() {
        String message = issues.isEmpty() ? reason : issues.get(0).message();
        OperationOutcome outcome = toOperationOutcome();
        return switch (status) {
            case 400 -> new InvalidRequestException(message, outcome);
            case 403 -> new ForbiddenOperationException(message, outcome);
            case 404 -> new ResourceNotFoundException(message, outcome);
            case 409 -> new ResourceVersionConflictException(message, null, outcome);
            case 412 -> new PreconditionFailedException(message, outcome);
            case 422 -> new UnprocessableEntityException(message, outcome);
            default -> new InvalidRequestException(message, outcome);
        };
    }
}
