package org.huren.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import org.hl7.fhir.r4.model.Bundle;

/**
 * A transaction or batch answer is a Bundle HuRen does not keep: HAPI gives it a random id and, as for any POST that
 * answers a resource, a {@code Location} and {@code Content-Location} naming it ({@code Bundle/<uuid>}, a 404). The
 * answer goes without that id; where each entry went is in its {@code response.location}.
 */
@Interceptor
public class TransactionAnswers {

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean withoutLocation(ResponseDetails response) {
        if (response.getResponseResource() instanceof Bundle bundle
                && (bundle.getType() == Bundle.BundleType.TRANSACTIONRESPONSE
                || bundle.getType() == Bundle.BundleType.BATCHRESPONSE)) {
            bundle.setIdElement(null);
        }
        return true;
    }
}
