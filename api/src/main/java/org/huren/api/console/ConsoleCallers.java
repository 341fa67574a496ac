package org.huren.api.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.huren.api.security.CallerFilter;
import org.huren.fhir.server.Caller;
import org.slf4j.MDC;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Puts the signed-in user's {@link Caller} on each console request, told from their access token exactly as for a
 * bearer token on {@code /api} (verified by the same decoder, read by {@link CallerFilter#callerOf}): the console
 * shows and does what that token may. An access token about to expire is dropped and the user sent through the
 * authorization server again (silently while its own sign-in session lasts); public clients get no refresh token.
 */
final class ConsoleCallers extends OncePerRequestFilter {

    /** Not used for a request when it would expire within this. */
    static final Duration SKEW = Duration.ofSeconds(30);

    private final OAuth2AuthorizedClientRepository authorizedClients;
    private final JwtDecoder tokens;

    ConsoleCallers(OAuth2AuthorizedClientRepository authorizedClients, JwtDecoder tokens) {
        this.authorizedClients = authorizedClients;
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken user) {
            String registration = user.getAuthorizedClientRegistrationId();
            OAuth2AuthorizedClient client = authorizedClients.loadAuthorizedClient(registration, user, request);
            OAuth2AccessToken token = client == null ? null : client.getAccessToken();
            if (token == null || token.getExpiresAt() != null
                    && token.getExpiresAt().isBefore(Instant.now().plus(SKEW))) {
                if (client != null) {
                    authorizedClients.removeAuthorizedClient(registration, user, request, response);
                }
                // OAuth2AuthorizationRequestRedirectFilter sends the browser to the authorization server
                throw new ClientAuthorizationRequiredException(registration);
            }
            Caller caller = CallerFilter.callerOf(tokens.decode(token.getTokenValue()));
            request.setAttribute(Caller.ATTRIBUTE, caller);
            MDC.put("caller", caller.subject());
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("caller");
        }
    }
}
