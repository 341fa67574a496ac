package org.huren.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.huren.fhir.server.Caller;
import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts the verified token's {@link Caller} on the request (after Spring Security's filters, order -100), for the
 * FHIR server and the controllers; the subject goes into the log context too.
 */
@Component
@Order(-95)
public class CallerFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            Caller caller = callerOf(token.getToken());
            request.setAttribute(Caller.ATTRIBUTE, caller);
            MDC.put("caller", caller.subject());
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("caller");
        }
    }

    /** The caller of the request this thread serves (none outside a request, or unauthenticated). */
    public static Caller current() {
        return org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes servlet
                ? Caller.of(servlet.getRequest()) : null;
    }

    /** The caller a verified token describes. */
    public static Caller callerOf(Jwt jwt) {
        String client = jwt.hasClaim("client_id") ? jwt.getClaimAsString("client_id")
                : jwt.hasClaim("azp") ? jwt.getClaimAsString("azp") : null;
        return new Caller(jwt.getSubject(), client, blankToNull(jwt.getClaimAsString(HurenClaims.LAB)),
                names(jwt.getClaim(HurenClaims.ROLES)), names(jwt.getClaim(HurenClaims.ALLIANCES)),
                names(jwt.getClaim("scope")));
    }

    /** A claim given as a list or as one space-separated string (as {@code scope} is), as a set of names. */
    static Set<String> names(Object claim) {
        Set<String> names = new LinkedHashSet<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(value -> names.add(String.valueOf(value).trim()));
        } else if (claim instanceof String text) {
            names.addAll(Arrays.asList(text.trim().split("\\s+")));
        }
        names.removeIf(String::isEmpty);
        return names;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static List<String> roleAuthorities(Jwt jwt) {
        return names(jwt.getClaim(HurenClaims.ROLES)).stream().map(role -> "ROLE_" + role).toList();
    }
}
