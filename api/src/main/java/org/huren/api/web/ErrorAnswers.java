package org.huren.api.web;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.huren.api.language.ClientLanguage;
import org.huren.api.language.MessageTexts;
import org.huren.fhir.server.Problem;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Error answers written by servlet filters, before Spring MVC or HAPI are reached, in the form of the endpoint
 * asked: an OperationOutcome on {@code /fhir}, problem+json on {@code /api} — each naming the reason code and the
 * offending element.
 */
@Component
public class ErrorAnswers {

    private final FhirContext fhir;
    private final ClientLanguage language;
    private final MessageTexts texts;

    public ErrorAnswers(FhirContext fhir, ClientLanguage language, MessageTexts texts) {
        this.fhir = fhir;
        this.language = language;
        this.texts = texts;
    }

    /** {@code message} is the English text; the client reads the reason's text in its language. */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String reason,
                      String field, String english) throws IOException {
        String message = texts.problem(language.of(request), reason, List.of(), english);
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/fhir")) {
            OperationOutcome.IssueType type = switch (status) {
                case 401 -> OperationOutcome.IssueType.LOGIN;
                case 403 -> OperationOutcome.IssueType.FORBIDDEN;
                case 413 -> OperationOutcome.IssueType.TOOLONG;
                case 429 -> OperationOutcome.IssueType.THROTTLED;
                case 503 -> OperationOutcome.IssueType.TRANSIENT;
                default -> OperationOutcome.IssueType.INVALID;
            };
            OperationOutcome outcome = Problem.of(status, reason).issue(type, field, message).toOperationOutcome();
            response.setContentType("application/fhir+json");
            response.getWriter().write(fhir.newJsonParser().encodeResourceToString(outcome));
        } else {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write(ApiProblems.json(status, reason, field, message, request.getRequestURI()));
        }
    }
}
