package org.huren.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.huren.api.web.ErrorAnswers;
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

/**
 * 401 and 403 in the form of the endpoint asked — an OperationOutcome on {@code /fhir}, problem+json elsewhere —
 * naming what was missing, with the {@code WWW-Authenticate} header RFC 6750 asks for.
 */
@Component
public class SecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(SecurityErrors.class);

    private final ErrorAnswers answers;
    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

    public SecurityErrors(ErrorAnswers answers) {
        this.answers = answers;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearerEntryPoint.commence(request, response, failure); // status 401 and WWW-Authenticate
        boolean tokenSent = request.getHeader("Authorization") != null;
        log.info("401 for {} {}: {}", request.getMethod(), request.getRequestURI(), failure.getMessage());
        answers.write(request, response, 401, tokenSent ? "invalid-token" : "unauthenticated", "Authorization",
                tokenSent ? "the bearer token was refused: " + failure.getMessage()
                        : "this request needs a bearer token (Authorization: Bearer …) from the authorization "
                        + "server that /.well-known/smart-configuration names");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        bearerDenied.handle(request, response, denied); // status 403 and WWW-Authenticate insufficient_scope
        String missing = AccessRules.missingFor(request);
        log.info("403 for {} {}: {}", request.getMethod(), request.getRequestURI(), missing);
        answers.write(request, response, 403, "forbidden", "Authorization",
                missing == null ? "the token does not allow this request" : "this request needs " + missing);
    }
}
