package org.huren.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.huren.fhir.server.SmartScope;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * Which SMART scopes a machine client's token gets (client-credentials grant, ADR 0012). A client is registered
 * with the widest scopes its role needs ({@code system/Observation.cruds}); it may ask for any narrower ones
 * ({@code system/Observation.rs}, {@code system/Observation.read}) — SMART v2 lets a client ask for less than it may
 * have, and a read-only interface should hold a read-only token. A client asking for none gets all it is registered
 * for (a {@code curl} with no {@code scope}), as before scopes were enforced.
 */
final class SmartScopeGrants {

    private SmartScopeGrants() {
    }

    /** The client-credentials request, its scopes filled in with the registered ones when none are asked for. */
    static AuthenticationConverter clientCredentials() {
        OAuth2ClientCredentialsAuthenticationConverter standard = new OAuth2ClientCredentialsAuthenticationConverter();
        return (HttpServletRequest request) -> {
            Authentication converted = standard.convert(request);
            if (converted instanceof OAuth2ClientCredentialsAuthenticationToken asked && asked.getScopes().isEmpty()
                    && SecurityContextHolder.getContext().getAuthentication()
                    instanceof OAuth2ClientAuthenticationToken client && client.getRegisteredClient() != null) {
                return new OAuth2ClientCredentialsAuthenticationToken(client, client.getRegisteredClient().getScopes(),
                        asked.getAdditionalParameters());
            }
            return converted;
        };
    }

    /** Refuses ({@code invalid_scope}) a scope the client is not registered for and that is not narrower than one. */
    static Consumer<OAuth2ClientCredentialsAuthenticationContext> validator() {
        return context -> {
            RegisteredClient client = context.getRegisteredClient();
            OAuth2ClientCredentialsAuthenticationToken request = context.getAuthentication();
            for (String asked : request.getScopes()) {
                if (!grantable(asked, client.getScopes())) {
                    throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE,
                            "scope " + asked + " is not among, nor narrower than, the scopes of client "
                                    + client.getClientId() + ": " + String.join(" ", client.getScopes()), null));
                }
            }
        };
    }

    /** Whether {@code asked} is one of {@code registered}, or a SMART scope narrower than one of them. */
    static boolean grantable(String asked, Collection<String> registered) {
        if (registered.contains(asked)) {
            return true;
        }
        return SmartScope.parse(asked)
                .map(narrow -> SmartScope.parseAll(registered).stream().anyMatch(wide -> wide.covers(narrow)))
                .orElse(false);
    }
}
