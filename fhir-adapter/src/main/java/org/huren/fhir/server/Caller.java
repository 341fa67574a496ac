package org.huren.fhir.server;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Set;

/**
 * Who is asking, as their verified bearer token says (ADR 0012): the subject, the OAuth2 client, the member lab
 * they act for, their HuRen roles, the alliances they act in and their SMART scopes. The web layer puts it on the
 * request; nothing else — no header, no {@code performer} — names the lab.
 *
 * @param subject   the token's {@code sub}: a user name, or the client id of a machine client
 * @param clientId  the OAuth2 client the token was issued to
 * @param lab       the member lab's HuRen code, or null for a caller who acts for no lab
 * @param roles     HuRen roles ({@code LIS}, {@code CLINICIAN}, {@code QC_MANAGER}, …)
 * @param alliances the alliances the caller acts in ({@value #ALL_ALLIANCES}: all of them)
 * @param scopes    the token's scopes (SMART v2 syntax, e.g. {@code system/Observation.cruds})
 */
public record Caller(String subject, String clientId, String lab, Set<String> roles, Set<String> alliances,
                     Set<String> scopes) {

    /** The request attribute holding the caller. */
    public static final String ATTRIBUTE = "org.huren.caller";
    /** In {@link #alliances()}: every alliance, present and future (a network-level QC centre). */
    public static final String ALL_ALLIANCES = "*";

    public Caller {
        roles = Set.copyOf(roles);
        alliances = Set.copyOf(alliances);
        scopes = Set.copyOf(scopes);
    }

    public static Caller of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Caller caller ? caller : null;
    }

    public static Caller of(RequestDetails request) {
        return request instanceof ServletRequestDetails servlet ? of(servlet.getServletRequest()) : null;
    }

    /** The member lab the request acts for, from its token; null when it acts for none. */
    public static String labOf(RequestDetails request) {
        Caller caller = of(request);
        return caller == null ? null : caller.lab();
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Whether the caller acts in {@code alliance}. */
    public boolean actsIn(String alliance) {
        return alliances.contains(ALL_ALLIANCES) || alliances.contains(alliance);
    }
}
