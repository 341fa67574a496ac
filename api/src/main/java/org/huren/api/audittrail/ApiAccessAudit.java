package org.huren.api.audittrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.huren.api.web.ErrorAnswers;
import org.huren.fhir.audittrail.AccessRecord;
import org.huren.fhir.audittrail.AuditAction;
import org.huren.fhir.audittrail.AuditLog;
import org.huren.fhir.server.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Audits {@code /api} — and the web console's forms and patient pages, which act through the same endpoints — in one
 * place (ADR 0013): every write (POST, PUT, PATCH, DELETE) and every read of patient-level data
 * ({@link #PATIENT_DATA_READS}), answered or refused. The answer is held back (buffered) until
 * its record is stored, so an acknowledged request always has one; when it cannot be stored, the request is answered
 * 500 instead. Runs after the caller is known (CallerFilter) and after a request waiting for the read models
 * (AwaitingRequests) is resumed.
 */
@Component
@Order(-85)
public class ApiAccessAudit extends OncePerRequestFilter {

    /** {@code /api} reads that return patient-level data. */
    static final List<PathPattern> PATIENT_DATA_READS = List.of(
            PathPatternParser.defaultInstance.parse("/api/results/{resultId}/recognition-history"),
            PathPatternParser.defaultInstance.parse("/api/alliances/{allianceId}/reuse-outcomes/{outcomeId}"),
            PathPatternParser.defaultInstance.parse("/console/alliances/{allianceId}/patients"));
    /** The query parameter a console patient page or lookup names its patient by. */
    static final String PATIENT_PARAMETER = "identifier";
    /** Path variables that name a lab result (an Observation). */
    static final Map<String, String> RESOURCE_OF_VARIABLE = Map.of("resultId", "Observation");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ApiAccessAudit.class);

    private final AuditLog log;
    private final ErrorAnswers answers;
    private final org.huren.fhir.server.DatabaseAvailability database;

    public ApiAccessAudit(AuditLog log, ErrorAnswers answers, org.huren.fhir.server.DatabaseAvailability database) {
        this.log = log;
        this.answers = answers;
        this.database = database;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = pathOf(request);
        if (!path.startsWith("/api/") && !path.startsWith("/console/") && !path.startsWith("/cds-services/")) {
            return true; // CDS Hooks calls and feedback read patient data and record lookups and outcomes
        }
        return isRead(request.getMethod())
                && PATIENT_DATA_READS.stream().noneMatch(p -> p.matches(PathContainer.parsePath(path)));
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false; // a request resumed after waiting for the read models is answered, and audited, then
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
        if (held == null) {
            held = new ContentCachingResponseWrapper(response);
        }
        chain.doFilter(request, held);
        if (request.isAsyncStarted()) {
            return; // answered, and audited, when it is resumed
        }
        boolean refused = held.getStatus() >= 400;
        if (refused && database.recentlyUnavailable()) {
            // a refusal acknowledges and discloses nothing, and the trail lives in the database that just failed
            LOG.warn("{} {} ({}) not recorded in the audit trail: the database is unavailable", request.getMethod(),
                    request.getRequestURI(), held.getStatus());
            held.copyBodyToResponse();
            return;
        }
        try {
            log.record(recordOf(request, held));
        } catch (RuntimeException e) {
            if (refused) {
                LOG.error("could not record the refusal of {} {} in the audit trail", request.getMethod(),
                        request.getRequestURI(), e);
            } else if (org.huren.fhir.server.DatabaseAvailability.isUnreachable(e)) {
                LOG.error("could not record {} {} in the audit trail: the database is unreachable; answering 503",
                        request.getMethod(), request.getRequestURI(), e);
                database.tripped();
                held.resetBuffer();
                held.setHeader("Retry-After", Long.toString(database.retryAfterSeconds()));
                answers.write(request, held, 503, "database-unavailable", null, "the request could not be recorded "
                        + "in the audit trail, so it is not acknowledged: the database cannot be reached just now; "
                        + "retry after " + database.retryAfterSeconds() + " s (writes are idempotent)");
            } else {
                LOG.error("could not record {} {} in the audit trail; answering 500", request.getMethod(),
                        request.getRequestURI(), e);
                held.resetBuffer();
                answers.write(request, held, 500, "audit-unavailable", null, "the request could not be recorded "
                        + "in the audit trail, so it is not acknowledged; writes are idempotent: retry it");
            }
        }
        held.copyBodyToResponse();
    }

    AccessRecord recordOf(HttpServletRequest request, ContentCachingResponseWrapper response) {
        String method = request.getMethod();
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        List<String> entities = new ArrayList<>();
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> {
                String type = RESOURCE_OF_VARIABLE.get(String.valueOf(name));
                if (type != null) {
                    entities.add(type + "/" + value);
                }
            });
        }
        String patient = pathOf(request).startsWith("/console/") ? request.getParameter(PATIENT_PARAMETER) : null;
        int status = response.getStatus();
        String requestId = response.getHeader(AccessRecord.REQUEST_ID_HEADER);
        return new AccessRecord(Instant.now(), AuditAction.ofHttpMethod(method), interactionOf(method),
                method + " " + (pattern == null ? pathOf(request) : pattern), Caller.of(request),
                request.getRemoteAddr(), pathOf(request), isRead(method) ? request.getQueryString() : null,
                entities, patient == null || patient.isBlank() ? List.of() : List.of(patient.trim()), status,
                status >= 400 ? describe(status, response) : null,
                requestId != null ? requestId : request.getHeader(AccessRecord.REQUEST_ID_HEADER));
    }

    private static boolean isRead(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    private static String interactionOf(String method) {
        return switch (method) {
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> "read";
        };
    }

    /** The problem's {@code detail} (problem+json), or its status alone. */
    private static String describe(int status, ContentCachingResponseWrapper response) {
        String detail = null;
        byte[] body = response.getContentAsByteArray();
        if (body.length > 0) {
            try {
                JsonNode problem = JSON.readTree(body);
                detail = problem.path("detail").asText(problem.path("title").asText(null));
            } catch (IOException | RuntimeException e) {
                detail = null; // not JSON: the status says enough
            }
        }
        String text = "HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail);
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
