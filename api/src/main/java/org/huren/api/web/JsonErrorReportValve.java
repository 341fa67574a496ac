package org.huren.api.web;

import ca.uhn.fhir.context.FhirContext;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.huren.fhir.server.Problem;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The errors Tomcat answers itself, before HuRen sees the request (a request line or headers too long, characters
 * no URL may hold): in the form of the endpoint asked — an OperationOutcome under {@code /fhir} (and when the request
 * line was too long to tell), problem+json elsewhere — instead of Tomcat's HTML page.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean io = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, io);
        if (!io.get()) {
            return;
        }
        // the request line may not have been read to its end: take what the connector got of the path
        String uri = request.getDecodedRequestURI();
        if (uri == null || uri.isEmpty()) {
            uri = request.getCoyoteRequest().requestURI().toString();
        }
        // a request line too long to read has no path: FHIR searches are what grows that long
        boolean fhir = uri == null || uri.isEmpty() || uri.equals("/fhir") || uri.startsWith("/fhir/");
        String message = status == 400 ? "the request line or headers cannot be read: too long, or holding characters "
                + "a URL may not (percent-encode them)" : "the request could not be served (HTTP " + status + ")";
        String body = fhir
                ? FhirContext.forR4Cached().newJsonParser().encodeResourceToString(Problem.of(status,
                "unreadable-request").issue(IssueType.INVALID, null, message).toOperationOutcome())
                : ApiProblems.json(status, "unreadable-request", null, message, uri);
        try {
            response.setContentType(fhir ? "application/fhir+json" : "application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone: nothing left to tell it
        }
    }
}
