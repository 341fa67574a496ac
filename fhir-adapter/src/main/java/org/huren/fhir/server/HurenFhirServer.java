package org.huren.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;

import java.util.List;

/**
 * HuRen's FHIR R4 endpoint: a HAPI plain server holding the lab-record providers. Wiring (which providers,
 * interceptors and servlet path) is done by the application.
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
}
