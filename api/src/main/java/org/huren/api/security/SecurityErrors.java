package org.huren.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.huren.api.web.ErrorAnswers;
import org.huren.fhir.audittrail.AccessRecord;
import org.huren.fhir.audittrail.AuditAction;
import org.huren.fhir.audittrail.AuditLog;
import org.huren.fhir.server.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * 401 and 403 in the form of the endpoint asked — an OperationOutcome on {@code /fhir}, problem+json elsewhere —
 * naming what was missing, with the {@code WWW-Authenticate} header RFC 6750 asks for.
 */
@Component
public class SecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(SecurityErrors.class);

    private final ErrorAnswers answers;
    private final ObjectProvider<AuditLog> audit;
    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

    public SecurityErrors(ErrorAnswers answers, ObjectProvider<AuditLog> audit) {
        this.answers = answers;
        this.audit = audit;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearerEntryPoint.commence(request, response, failure); // status 401 and WWW-Authenticate
        boolean tokenSent = request.getHeader("Authorization") != null;
        log.info("401 for {} {}: {}", request.getMethod(), request.getRequestURI(), failure.getMessage());
        String detail = tokenSent ? "the bearer token was refused: " + failure.getMessage()
                : "this request needs a bearer token (Authorization: Bearer …) from the authorization "
                + "server that /.well-known/smart-configuration names";
        record(request, response, 401, null, detail);
        answers.write(request, response, 401, tokenSent ? "invalid-token" : "unauthenticated", "Authorization",
                detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        bearerDenied.handle(request, response, denied); // status 403 and WWW-Authenticate insufficient_scope
        String missing = AccessRules.missingFor(request);
        log.info("403 for {} {}: {}", request.getMethod(), request.getRequestURI(), missing);
        String detail = missing == null ? "the token does not allow this request" : "this request needs " + missing;
        record(request, response, 403, SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken
                token ? CallerFilter.callerOf(token.getToken()) : null, detail);
        answers.write(request, response, 403, "forbidden", "Authorization", detail);
    }

    /**
     * A refusal at the door is a security alert in the audit trail (ADR 0013), whoever asked; when it cannot be
     * recorded the refusal is answered all the same, as it acknowledges nothing.
     */
    private void record(HttpServletRequest request, HttpServletResponse response, int status, Caller caller,
                        String detail) {
        AuditLog trail = audit.getIfAvailable();
        if (trail == null) {
            return;
        }
        String method = request.getMethod();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        try {
            trail.record(new AccessRecord(Instant.now(), AuditAction.ofHttpMethod(method), null, method + " " + path, caller, request.getRemoteAddr(), path, null, List.of(), List.of(), status,
                    detail, response.getHeader(AccessRecord.REQUEST_ID_HEADER)));
        } catch (RuntimeException e) {
            log.error("could not record the refusal of {} {} in the audit trail", method, path, e);
        }
    }
}
