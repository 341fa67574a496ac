package org.huren.api.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * Who may call which path, in one table (ADR 0012): the public paths, and the paths reserved to a role. Every
 * other path needs a valid token; what a token's lab and alliances let it see is decided by the endpoints'
 * access checks.
 */
public final class AccessRules {

    /** Paths anyone may call: health, discovery, the CapabilityStatement, the API description. */
    static final List<String> PUBLIC = List.of("/actuator/health", "/actuator/health/**", "/actuator/info",
            "/.well-known/**", "/fhir/.well-known/**", "/fhir/metadata", "/error",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**");

    /** A path (and optionally a method) reserved to a role. */
    record Reserved(String pattern, HttpMethod method, Role role, String why) {
        RequestMatcher matcher() {
            return method == null ? new AntPathRequestMatcher(pattern)
                    : new AntPathRequestMatcher(pattern, method.name());
        }
    }

    static final List<Reserved> RESERVED = List.of(
            new Reserved("/actuator/**", null, Role.OPERATOR, "metrics and operator endpoints"),
            new Reserved("/api/projections/**", null, Role.OPERATOR, "projection status, replays and dead letters"),
            new Reserved("/api/admin/**", null, Role.ADMIN, "clients and users of the authorization server"),
            new Reserved("/cds-services/**", null, Role.CLINICIAN, "CDS Hooks: a clinician's reminders of "
                    + "recognized results (ADR 0016)"));

    private AccessRules() {
    }

    /** What a refused request lacked, for the 403 answer. */
    static String missingFor(HttpServletRequest request) {
        for (Reserved reserved : RESERVED) {
            if (reserved.matcher().matches(request)) {
                return "role " + reserved.role() + " (" + reserved.why() + ")";
            }
        }
        return null;
    }
}
