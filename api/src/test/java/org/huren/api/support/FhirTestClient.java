package org.huren.api.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.hl7.fhir.r4.model.Bundle;
import org.huren.fhir.server.HurenHeaders;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HAPI's generic client against the running server with a real bearer token — a lab's LIS client, or (with no
 * lab) a network QC manager — that remembers the highest event position any write answered with and makes every
 * read wait for it: read-your-writes without sleeping.
 */
public final class FhirTestClient {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final IGenericClient client;
    private final AtomicLong lastPosition = new AtomicLong(-1);

    public FhirTestClient(String baseUrl, String lab) {
        this(baseUrl, lab == null ? Tokens.qcNetwork() : Tokens.lis(lab));
    }

    public FhirTestClient(String baseUrl, Tokens.Identity identity) {
        int port = java.net.URI.create(baseUrl).getPort();
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
        this.client = FHIR.newRestfulGenericClient(baseUrl);
        client.registerInterceptor(new IClientInterceptor() {
            @Override
            public void interceptRequest(IHttpRequest request) {
                request.addHeader("Authorization", "Bearer " + Tokens.of(port, identity));
                if ("GET".equals(request.getHttpVerbName()) && lastPosition.get() >= 0) {
                    request.addHeader(HurenHeaders.AWAIT_POSITION, Long.toString(lastPosition.get()));
                    // a retried batch or a loaded 2-core machine can take longer than the default 10 s
                    request.addHeader(HurenHeaders.AWAIT_MILLIS, "60000");
                }
            }

            @Override
            public void interceptResponse(IHttpResponse response) {
                List<String> position = response.getHeaders(HurenHeaders.EVENT_POSITION);
                if (position != null && !position.isEmpty()) {
                    lastPosition.accumulateAndGet(Long.parseLong(position.get(0)), Math::max);
                }
            }
        });
    }

    public static FhirContext fhir() {
        return FHIR;
    }

    public IGenericClient client() {
        return client;
    }

    public Bundle transaction(Bundle bundle) {
        return client.transaction().withBundle(bundle).execute();
    }

    /** The highest event position a write through this client has answered with. */
    public long lastPosition() {
        return lastPosition.get();
    }

    public void awaitPosition(long position) {
        lastPosition.accumulateAndGet(position, Math::max);
    }
}
