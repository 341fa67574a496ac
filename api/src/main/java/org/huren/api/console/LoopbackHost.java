package org.huren.api.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;

/**
 * Sends a browser that opened the console as {@code localhost} to {@code 127.0.0.1}: the authorization server
 * accepts loopback redirect URIs on any port only as an IP address (RFC 8252 §7.3, OAuth 2.1 §9.7.1 advise against
 * {@code localhost}), and the session cookie must belong to the host the sign-in returns to.
 */
final class LoopbackHost extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("localhost".equalsIgnoreCase(request.getServerName()) && "GET".equals(request.getMethod())) {
            response.sendRedirect(UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
                    .host("127.0.0.1").query(request.getQueryString()).build(true).toUriString());
            return;
        }
        chain.doFilter(request, response);
    }
}
