package org.huren.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Behind a TLS-terminating reverse proxy, the request as the client sent it: scheme, host, port and path prefix from
 * {@code Forwarded} (RFC 7239) or {@code X-Forwarded-Proto/Host/Port/Prefix/For} — so the FHIR base HAPI builds links
 * and {@code fullUrl}s from, SMART discovery and the token issuer all name the public address, and the audit trail
 * the client's. Only from the proxies {@code huren.forwarded.trusted-proxies} names (addresses or CIDR ranges):
 * anyone else's forwarded headers are removed, so a client cannot pose as another host or address. Spring's own
 * {@link ForwardedHeaderFilter} does the work; Spring Boot's {@code server.forward-headers-strategy} is {@code none}
 * (it would trust every client, or Tomcat's guess of internal networks).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ForwardedHeaders extends OncePerRequestFilter {

    private final ForwardedHeaderFilter honour = new ForwardedHeaderFilter();
    private final ForwardedHeaderFilter remove = new ForwardedHeaderFilter();
    private final List<IpAddressMatcher> trusted;

    public ForwardedHeaders(@Value("${huren.forwarded.trusted-proxies}") List<String> trustedProxies) {
        remove.setRemoveOnly(true);
        this.trusted = trustedProxies.stream().map(String::trim).filter(proxy -> !proxy.isEmpty())
                .map(IpAddressMatcher::new).toList();
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false; // a request resumed after waiting (AwaitingRequests) is seen as the client sent it, too
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /** Whether the peer that sent the request is a proxy whose forwarded headers are honoured. */
    boolean trusts(String peerAddress) {
        return trusted.stream().anyMatch(proxy -> proxy.matches(peerAddress));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        (trusts(request.getRemoteAddr()) ? honour : remove).doFilter(request, response, chain);
    }
}
