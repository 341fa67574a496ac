package org.huren.fhir.server;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.huren.fhir.ingest.IngestEntry;
import org.huren.fhir.ingest.IngestResult;
import org.huren.fhir.ingest.LabRecordIngest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST [base]} with a transaction Bundle (all or nothing, one database transaction) or a batch
 * Bundle (each entry on its own: writes, and GET entries — reads and searches — answered as on their own).
 */
public class TransactionProvider {

    private final LabRecordIngest ingest;
    private final FullValidation validation;
    private final int maxEntries;
    private final FhirAccess access;
    private final BatchReads reads;

    /** {@code maxEntries}: the most entries one Bundle may hold (more: 413, nothing stored). */
    public TransactionProvider(LabRecordIngest ingest, FullValidation validation, int maxEntries, FhirAccess access,
                               ReadAfterWriteInterceptor readAfterWrite) {
        this.access = access;
        this.reads = new BatchReads(readAfterWrite);
        this.ingest = ingest;
        this.validation = validation;
        this.maxEntries = maxEntries;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails request) {
        if (bundle.getType() != BundleType.TRANSACTION && bundle.getType() != BundleType.BATCH) {
            throw Problem.of(400, "not-a-transaction").issue(IssueType.INVALID, "Bundle.type",
                    "POST to the base URL takes a transaction or batch Bundle, not " + bundle.getType())
                    .exception();
        }
        boolean batch = bundle.getType() == BundleType.BATCH;
        if (!batch) {
            access.requireWriter(request);
        }
        if (bundle.getEntry().size() > maxEntries) {
            throw new PayloadTooLargeException(Problem.of(413, "too-many-entries").issue(IssueType.TOOLONG,
                    "Bundle.entry", "the Bundle has " + bundle.getEntry().size() + " entries; HuRen takes at most "
                            + maxEntries + " in one Bundle (huren.limits.bundle-entries): split it"));
        }
        validation.check(bundle);
        List<IngestEntry> entries = entries(bundle);
        String lab = Caller.labOf(request);
        if (!batch) {
            IngestResult result = ingest.ingest(entries, false, lab);
            WriteAnswers.addPosition(request, result);
            Bundle response = new Bundle().setType(BundleType.TRANSACTIONRESPONSE);
            result.entries().forEach(entry -> response.addEntry().setResponse(responseOf(entry)));
            return response;
        }
        Map<Integer, IngestEntry> writes = new HashMap<>();
        entries.forEach(entry -> writes.put(entry.index(), entry));
        Bundle response = new Bundle().setType(BundleType.BATCHRESPONSE);
        long position = -1;
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            IngestEntry write = writes.get(i);
            try {
                SmartScopeCheck.requireBatchEntry(request, bundle.getEntry().get(i));
                if (write == null) {
                    response.addEntry(reads.answer(i, bundle.getEntry().get(i).getRequest().getUrl(), request));
                    continue;
                }
                access.requireWriter(request);
                IngestResult result = ingest.ingest(List.of(write), false, lab);
                position = Math.max(position, result.eventPosition());
                response.addEntry().setResponse(responseOf(result.entries().get(0)));
            } catch (BaseServerResponseException e) {
                Bundle.BundleEntryResponseComponent failed = new Bundle.BundleEntryResponseComponent()
                        .setStatus(Integer.toString(e.getStatusCode()));
                if (e.getOperationOutcome() != null) {
                    failed.setOutcome((org.hl7.fhir.r4.model.Resource) e.getOperationOutcome());
                }
                response.addEntry().setResponse(failed);
            }
        }
        WriteAnswers.addPosition(request, new IngestResult(List.of(), position));
        return response;
    }

    /** 413 with an OperationOutcome: HAPI has no exception of its own for it. */
    static final class PayloadTooLargeException extends BaseServerResponseException {
        PayloadTooLargeException(Problem problem) {
            super(413, problem.toOperationOutcome().getIssueFirstRep().getDiagnostics(),
                    problem.toOperationOutcome());
        }
    }

    /** The entries that write; a batch's GET entries are read apart, a transaction may hold none. */
    private static List<IngestEntry> entries(Bundle bundle) {
        List<IngestEntry> entries = new ArrayList<>();
        Problem problem = Problem.of(400, "malformed-bundle");
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            if (entry.getRequest().getMethod() == Bundle.HTTPVerb.GET) {
                if (bundle.getType() == BundleType.TRANSACTION) {
                    problem.issue(IssueType.NOTSUPPORTED, "Bundle.entry[" + i + "].request.method",
                            "a transaction only writes: send reads and searches (GET entries) in a batch Bundle");
                }
                continue;
            }
            if (!entry.hasResource()) {
                problem.issue(IssueType.REQUIRED, "Bundle.entry[" + i + "].resource", "every entry needs a resource");
                continue;
            }
            if (!entry.hasRequest() || !entry.getRequest().hasMethod()) {
                problem.issue(IssueType.REQUIRED, "Bundle.entry[" + i + "].request",
                        "every entry of a transaction needs request.method and request.url");
                continue;
            }
            Bundle.BundleEntryRequestComponent req = entry.getRequest();
            entries.add(new IngestEntry(i, entry.getFullUrl(), entry.getResource(), req.getMethod().toCode(),
                    req.getUrl(), req.getIfNoneExist(), req.getIfMatch()));
        }
        if (!problem.isEmpty()) {
            throw problem.exception();
        }
        return entries;
    }

    private static Bundle.BundleEntryResponseComponent responseOf(IngestResult.EntryResult entry) {
        Bundle.BundleEntryResponseComponent response = new Bundle.BundleEntryResponseComponent();
        response.setStatus(entry.created() ? "201 Created" : "200 OK");
        if (entry.id() != null) {
            response.setLocation(entry.resourceType() + "/" + entry.id()
                    + (entry.version() > 0 ? "/_history/" + entry.version() : ""));
            if (entry.version() > 0) {
                response.setEtag("W/\"" + entry.version() + "\"");
            }
            if (entry.lastUpdated() != null) {
                response.setLastModified(java.util.Date.from(entry.lastUpdated()));
            }
        }
        return response;
    }
}
