package org.huren.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * SMART App Launch discovery, {@code GET /.well-known/smart-configuration} and the same below the FHIR base
 * ({@code /fhir/.well-known/smart-configuration}, where SMART clients look): the issuer and its endpoints — HuRen's
 * own when it runs the embedded authorization server, else the external issuer's (from its OpenID Connect
 * discovery document, read once) — the grants, scopes and capabilities. The CapabilityStatement's
 * {@code rest.security} names the same endpoints.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class SmartConfiguration extends OncePerRequestFilter {

    private static final List<String> PATHS = List.of("/.well-known/smart-configuration",
            "/fhir/.well-known/smart-configuration");

    private final ObjectMapper json;
    private final String externalIssuer;
    private volatile JsonNode externalDiscovery;

    public SmartConfiguration(ObjectMapper json, Environment environment) {
        this.json = json;
        this.externalIssuer = environment.getProperty(ExternalIssuer.ISSUER_URI);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("GET".equals(request.getMethod())
                && PATHS.contains(request.getRequestURI().substring(request.getContextPath().length())));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Cache-Control", "max-age=3600");
        json.writeValue(response.getOutputStream(), document(rootOf(request)));
    }

    /** The server's root URL as the client reached it: {@code scheme://host:port/context}. */
    public static String rootOf(HttpServletRequest request) {
        String url = request.getRequestURL().toString();
        return url.substring(0, url.length() - request.getRequestURI().length()) + request.getContextPath();
    }

    /** The issuer and the endpoints a client uses, for a server reached at {@code root}. */
    public Map<String, String> endpoints(String root) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        if (!StringUtils.hasText(externalIssuer)) {
            endpoints.put("issuer", root);
            endpoints.put("jwks_uri", root + "/oauth2/jwks");
            endpoints.put("authorization_endpoint", root + "/oauth2/authorize");
            endpoints.put("token_endpoint", root + "/oauth2/token");
            endpoints.put("revocation_endpoint", root + "/oauth2/revoke");
            endpoints.put("introspection_endpoint", root + "/oauth2/introspect");
            return endpoints;
        }
        JsonNode discovery = externalDiscovery();
        endpoints.put("issuer", externalIssuer);
        for (String name : List.of("jwks_uri", "authorization_endpoint", "token_endpoint", "revocation_endpoint",
                "introspection_endpoint")) {
            if (discovery.hasNonNull(name)) {
                endpoints.put(name, discovery.get(name).asText());
            }
        }
        return endpoints;
    }

    private Map<String, Object> document(String root) {
        Map<String, Object> document = new LinkedHashMap<>(endpoints(root));
        document.put("grant_types_supported", List.of("authorization_code", "client_credentials", "refresh_token"));
        document.put("token_endpoint_auth_methods_supported",
                List.of("client_secret_basic", "client_secret_post", "none"));
        TreeSet<String> scopes = new TreeSet<>(SmartScopes.USER);
        scopes.addAll(SmartScopes.LIS);
        scopes.addAll(SmartScopes.SYSTEM);
        document.put("scopes_supported", scopes);
        document.put("response_types_supported", List.of("code"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        document.put("capabilities", List.of("launch-standalone", "client-public", "client-confidential-symmetric",
                "sso-openid-connect", "permission-v2", "permission-user", "permission-offline"));
        return document;
    }

    private JsonNode externalDiscovery() {
        if (externalDiscovery == null) {
            String issuer = externalIssuer.endsWith("/") ? externalIssuer.substring(0, externalIssuer.length() - 1)
                    : externalIssuer;
            externalDiscovery = RestClient.create().get().uri(issuer + "/.well-known/openid-configuration")
                    .retrieve().body(JsonNode.class);
        }
        return externalDiscovery;
    }
}
