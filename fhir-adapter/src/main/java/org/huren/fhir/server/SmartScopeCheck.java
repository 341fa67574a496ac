package org.huren.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import java.util.List;
import java.util.Set;

/**
 * Holds every FHIR interaction to the SMART v2 scopes of its token (ADR 0012): a create needs {@code c} on the
 * resource type, a read {@code r}, an update {@code u}, a delete {@code d}, a search {@code s}; an operation needs
 * {@code r} or {@code s}; each entry of a transaction or batch that writes a record or reads is held to its own method
 * and type. The caller's roles
 * ({@link FhirAccess}) still decide whose records it reaches: a scope can only narrow what the roles allow. The
 * CapabilityStatement and the conformance resources need no scope.
 * <p>
 * An issuer that grants no SMART scopes at all (an identity provider not set up for SMART) may be let through on roles
 * alone with {@link Policy#WHEN_ISSUED}; the embedded authorization server always issues them.
 */
@Interceptor
public class SmartScopeCheck {

    /** How tokens without any SMART resource scope are treated. */
    public enum Policy {
        /** Every interaction needs a scope that grants it. */
        ENFORCE,
        /** Tokens carrying no SMART resource scope at all are judged by their roles alone. */
        WHEN_ISSUED
    }

    /**
     * What a transaction writes. Its other entries are not writes: an Organization names the submitting lab (it is
     * matched, never stored), and any other type is refused by the ingest, naming the entry (422).
     */
    private static final Set<String> WRITTEN = Set.of("Patient", "Specimen", "Observation", "DiagnosticReport");
    private static final Set<String> CONFORMANCE =
            Set.of("OperationDefinition", "StructureDefinition", "SearchParameter", "CapabilityStatement");

    private static final String BATCH_GRANTS = SmartScopeCheck.class.getName() + ".batch";

    private final Policy policy;

    public SmartScopeCheck(Policy policy) {
        this.policy = policy;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        Caller caller = Caller.of(request);
        if (caller == null || operation == null) {
            return; // the web layer has already refused an unauthenticated request; nothing to hold to a scope
        }
        // parsed once per request: a transaction holds each of its entries to them
        Granted granted = new Granted(caller, SmartScope.parseAll(caller.scopes()));
        if (policy == Policy.WHEN_ISSUED && granted.scopes().isEmpty()) {
            return;
        }
        String type = request.getResourceName();
        switch (operation) {
            case METADATA, GET_PAGE -> {
                // the statement is public; a page continues a search already held to its scope
            }
            case CREATE -> granted.require(type, 'c', 'c');
            case UPDATE, PATCH -> granted.require(type, 'u', 'u');
            case DELETE -> granted.require(type, 'd', 'd');
            case READ, VREAD, HISTORY_INSTANCE -> granted.require(type, 'r', 'r');
            case SEARCH_TYPE, HISTORY_TYPE -> granted.require(type, 's', 's');
            case SEARCH_SYSTEM, HISTORY_SYSTEM -> granted.require("*", 's', 's');
            case EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> granted.require(type, 'r', 's');
            case TRANSACTION, BATCH -> {
                if (request.getResource() instanceof Bundle bundle) {
                    if (bundle.getType() == Bundle.BundleType.BATCH) {
                        // a batch's entries succeed or fail on their own: each is held to the scopes as it is run
                        request.getUserData().put(BATCH_GRANTS, granted);
                    } else {
                        bundle.getEntry().forEach(granted::requireEntry);
                    }
                }
            }
            default -> {
                // server-level operations and anything else: the operation itself decides, on roles
            }
        }
    }

    /**
     * 403 unless the scopes of the batch's token grant this entry's method on its type; a no-op when the request was
     * let through on roles alone ({@link Policy#WHEN_ISSUED}) or is not a batch.
     */
    public static void requireBatchEntry(RequestDetails batch, Bundle.BundleEntryComponent entry) {
        if (batch.getUserData().get(BATCH_GRANTS) instanceof Granted granted) {
            granted.requireEntry(entry);
        }
    }

    /** The caller and the SMART resource scopes its token grants. */
    private record Granted(Caller caller, List<SmartScope> scopes) {

        void requireEntry(Bundle.BundleEntryComponent entry) {
            Bundle.BundleEntryRequestComponent entryRequest = entry.getRequest();
            String url = entryRequest.getUrl() == null ? "" : entryRequest.getUrl();
            String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            String[] parts = path.replaceFirst("^/", "").split("/");
            String type = entry.hasResource() ? entry.getResource().fhirType() : parts[0];
            if (type.isEmpty()) {
                return; // an entry without a target: the transaction itself refuses it, naming the entry
            }
            Bundle.HTTPVerb method = entryRequest.getMethod();
            if (method == null || method != Bundle.HTTPVerb.GET && method != Bundle.HTTPVerb.HEAD
                    && !WRITTEN.contains(type)) {
                return;
            }
            switch (method) {
                case POST -> require(type, 'c', 'c');
                case PUT, PATCH -> require(type, 'u', 'u');
                case DELETE -> require(type, 'd', 'd');
                case GET, HEAD -> {
                    char permission = parts.length > 1 && !parts[1].startsWith("$") ? 'r' : 's';
                    require(type, permission, permission);
                }
                default -> {
                }
            }
        }

        /** 403 unless a scope grants {@code permission} or {@code alternative} on {@code type}. */
        void require(String type, char permission, char alternative) {
            if (type == null || CONFORMANCE.contains(type) || scopes.stream()
                    .anyMatch(scope -> scope.grants(type, permission) || scope.grants(type, alternative))) {
                return;
            }
            String context = caller.scopes().stream().anyMatch(scope -> scope.startsWith("user/")) ? "user" : "system";
            String needed = SmartScope.needed(context, type, permission);
            BaseServerResponseException refused = Problem.of(403, "insufficient-scope")
                    .issue(IssueType.FORBIDDEN, null, "the token's scopes do not grant this: it needs " + needed
                            + (alternative != permission ? " or " + SmartScope.needed(context, type, alternative) : "")
                            + " (SMART v2 scopes; the token has: " + String.join(" ", caller.scopes()) + ")")
                    .exception();
            refused.addResponseHeader("WWW-Authenticate",
                    "Bearer error=\"insufficient_scope\", error_description=\"needs scope " + needed + "\", scope=\""
                            + needed + "\"");
            throw refused;
        }
    }
}
