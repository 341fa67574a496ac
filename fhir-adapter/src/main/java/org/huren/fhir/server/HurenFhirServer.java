package org.huren.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;

import java.util.List;

/**
 * HuRen's FHIR R4 endpoint: a HAPI plain server holding the lab-record providers. Wiring (which providers,
 * interceptors and servlet path) is done by the application. HAPI's request id is the request's correlation id when
 * the web layer gave it one (request attribute {@code ServletRequestTracing.ATTRIBUTE_REQUEST_ID}, which HAPI reads
 * first), so the id a FHIR answer carries is the one its log lines carry.
 */
public class HurenFhirServer extends RestfulServer {

    private final transient List<Object> providers;
    private final transient List<Object> interceptors;
    private final String version;

    /** @param version HuRen's version, from the build: the CapabilityStatement's {@code software.version} */
    public HurenFhirServer(FhirContext fhir, List<Object> providers, List<Object> interceptors, String version) {
        super(fhir);
        this.providers = List.copyOf(providers);
        this.interceptors = List.copyOf(interceptors);
        this.version = version;
    }

    @Override
    protected void initialize() {
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setImplementationDescription("HuRen (互认) lab-result mutual recognition server");
        setServerName("HuRen");
        setServerVersion(version);
        setServerAddressStrategy(new RewrittenRequestAddressStrategy());
        registerProviders(providers);
        interceptors.forEach(this::registerInterceptor);
    }

    /** One {@code X-Request-ID} in the answer: the web layer may have set it already, to the same id. */
    @Override
    protected void addRequestIdToResponse(ServletRequestDetails request, String requestId) {
        request.getServletResponse().setHeader(Constants.HEADER_REQUEST_ID, requestId);
    }
}
