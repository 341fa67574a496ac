package org.huren.fhir.server;

import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The FHIR base is the address the request itself carries — as a trusted reverse proxy's {@code Forwarded} /
 * {@code X-Forwarded-*} headers rewrote it before HAPI sees it (scheme, host, port and a path prefix) — so that links
 * and {@code fullUrl}s name the public address. HAPI's default takes the context path from the servlet context,
 * which knows nothing of a proxy's path prefix, and would then misread the request's path.
 */
public class RewrittenRequestAddressStrategy extends IncomingRequestAddressStrategy {

    @Override
    public String determineServletContextPath(HttpServletRequest request, RestfulServer server) {
        return request.getContextPath() == null ? "" : request.getContextPath();
    }
}
