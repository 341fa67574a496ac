package org.huren.fhir.server;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.method.BaseMethodBinding;
import ca.uhn.fhir.rest.server.method.BaseResourceReturningMethodBinding;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletSubRequestDetails;
import ca.uhn.fhir.rest.server.util.ServletRequestUtil;
import com.google.common.collect.ArrayListMultimap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/**
 * A batch's GET entries (a read, a search, an idempotent operation): each answered as the same GET sent on its own
 * would be — the same method of the same provider, so the same access rules, search checks and read-your-writes
 * wait — with its own status in the batch-response.
 */
final class BatchReads {

    private final ReadAfterWriteInterceptor readAfterWrite;

    BatchReads(ReadAfterWriteInterceptor readAfterWrite) {
        this.readAfterWrite = readAfterWrite;
    }

    Bundle.BundleEntryComponent answer(int index, String url, RequestDetails batch) {
        Bundle.BundleEntryComponent answer = new Bundle.BundleEntryComponent();
        try {
            if (url == null || url.isBlank() || !(batch instanceof ServletRequestDetails servlet)) {
                throw Problem.of(400, "malformed-bundle").issue(IssueType.REQUIRED,
                        "Bundle.entry[" + index + "].request.url", "a GET entry needs request.url").exception();
            }
            String relative = relative(url, batch.getFhirServerBase());
            ServletSubRequestDetails get = ServletRequestUtil.getServletSubRequestDetails(servlet, relative,
                    RequestTypeEnum.GET.name(), ArrayListMultimap.create());
            BaseMethodBinding method = servlet.getServer().determineResourceMethod(get, relative);
            if (!(method instanceof BaseResourceReturningMethodBinding reading)) {
                throw Problem.of(400, "unsupported-method").issue(IssueType.NOTSUPPORTED,
                        "Bundle.entry[" + index + "].request.url", "GET " + url + " reads nothing").exception();
            }
            RestOperationTypeEnum interaction = reading.getRestOperationType(get);
            get.setRestOperationType(interaction);
            if (interaction == RestOperationTypeEnum.SEARCH_TYPE) {
                SearchResultParameters.check(get);
            }
            readAfterWrite.awaitPosition(batch, get.getResourceName(), interaction, get.getOperation());
            IBaseResource resource = reading.doInvokeServer(servlet.getServer(), get);
            answer.setResource((Resource) resource).getResponse().setStatus("200 OK");
            if (interaction == RestOperationTypeEnum.READ && resource.getIdElement().hasVersionIdPart()) {
                answer.setFullUrl(resource.getIdElement().withServerBase(batch.getFhirServerBase(),
                        resource.fhirType()).toVersionless().getValue());
                answer.getResponse().setEtag(RestfulServerUtils.createEtag(resource.getIdElement().getVersionIdPart()));
            }
        } catch (BaseServerResponseException refused) {
            answer.getResponse().setStatus(Integer.toString(refused.getStatusCode()));
            answer.getResponse().setOutcome(refused.getOperationOutcome() instanceof Resource outcome ? outcome
                    : new OperationOutcome().addIssue(new OperationOutcome.OperationOutcomeIssueComponent()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(IssueType.PROCESSING)
                    .setDiagnostics(refused.getMessage())));
        }
        return answer;
    }

    /** An entry's URL below the FHIR base: relative ({@code Observation?…}) as sent, or absolute on this server. */
    private static String relative(String url, String base) {
        String stripped = base != null && url.startsWith(base) ? url.substring(base.length()) : url;
        return stripped.startsWith("/") ? stripped.substring(1) : stripped;
    }
}
