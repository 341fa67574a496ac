package org.huren.api.console;

import jakarta.servlet.http.HttpServletRequest;
import org.huren.api.security.ApiAccess;
import org.huren.fhir.server.Caller;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriTemplate;

import java.util.Map;

/**
 * What the console may show and do for its signed-in user: exactly what the {@code /api} request behind each page
 * or form may ({@link ApiAccess#refusal}), so that the console and the API follow one set of rules (ADR 0012).
 */
@Component
public class ConsoleAccess {

    private final ApiAccess rules;

    public ConsoleAccess(ApiAccess rules) {
        this.rules = rules;
    }

    /** Refused: the page or form is not for this user, and the reason says why. */
    public static class Forbidden extends RuntimeException {
        public Forbidden(String reason) {
            super(reason);
        }
    }

    /** The signed-in user of the request (set by {@link ConsoleCallers}). */
    public static Caller caller(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        if (caller == null) {
            throw new Forbidden("no signed-in user");
        }
        return caller;
    }

    /**
     * Throws {@link Forbidden} unless {@code caller} may make {@code method} on the {@code /api} path
     * {@code template} with {@code variables} (and query parameter {@code alliance}, or null).
     */
    public void require(Caller caller, String method, String template, Map<String, String> variables,
                        String allianceParameter) {
        String refusal = refusal(caller, method, template, variables, allianceParameter);
        if (refusal != null) {
            throw new Forbidden(refusal);
        }
    }

    /** Whether {@code caller} may make that request (to show a link or a form only to those who may use it). */
    public boolean may(Caller caller, String method, String template, Map<String, String> variables,
                       String allianceParameter) {
        return refusal(caller, method, template, variables, allianceParameter) == null;
    }

    private String refusal(Caller caller, String method, String template, Map<String, String> variables,
                           String allianceParameter) {
        String path = new UriTemplate(template).expand(variables).getPath();
        return rules.refusal(caller, method, path, variables, allianceParameter);
    }
}
