package org.huren.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens for the benchmarks and the fault suite, got as HuRen's machine clients get them: the
 * client-credentials grant at the server's token endpoint ({@code /oauth2/token}), with the demo clients the
 * default run seeds ({@code lis-<lab>}, {@code huren-operator}, {@code huren-qc-network}; README "Access"). The
 * secret is {@code huren-demo} unless system property {@code huren.secret} says otherwise. A lab without a demo LIS
 * client (a benchmark's own labs) gets one registered through {@code POST /api/admin/clients} as the demo
 * administrator ({@code huren-admin}) the first time its token is asked for. A token is used until a minute before it
 * expires.
 */
public final class AccessTokens {

    private static final Map<String, AccessTokens> BY_ROOT = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI tokenEndpoint;
    private final String secret = System.getProperty("huren.secret", "huren-demo");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    /** Secrets of the clients registered here; every other client has the demo secret. */
    private final Map<String, String> registered = new ConcurrentHashMap<>();
    /** The LIS client used for each lab, when it is not {@code lis-<lab>}. */
    private final Map<String, String> lisClients = new ConcurrentHashMap<>();

    private record Token(String bearer, Instant renewAfter) {
    }

    private final URI clientsEndpoint;

    private AccessTokens(String serverRoot) {
        this.tokenEndpoint = URI.create(serverRoot + "/oauth2/token");
        this.clientsEndpoint = URI.create(serverRoot + "/api/admin/clients");
    }

    /** The tokens of the server at {@code serverRoot} ({@code http://host:port}, or a FHIR base ending /fhir). */
    public static AccessTokens at(String serverRoot) {
        String root = serverRoot.endsWith("/fhir") ? serverRoot.substring(0, serverRoot.length() - 5)
                : serverRoot.endsWith("/fhir/") ? serverRoot.substring(0, serverRoot.length() - 6) : serverRoot;
        return BY_ROOT.computeIfAbsent(root, AccessTokens::new);
    }

    public static AccessTokens at(URI anyUriOfTheServer) {
        return at(anyUriOfTheServer.getScheme() + "://" + anyUriOfTheServer.getRawAuthority());
    }

    /**
     * {@code Authorization} header value of the LIS client of {@code lab}: {@code lis-<lab>}, registered when the
     * server does not know it; when an earlier process registered it (its secret was shown to that process only, as
     * when a benchmark re-measures a store), one more client of the lab, {@code lis-<lab>-<time>}.
     */
    public String lis(String lab) {
        String clientId = lisClients.getOrDefault(lab, "lis-" + lab.toLowerCase(Locale.ROOT));
        try {
            return bearer(clientId);
        } catch (UnknownClientException e) {
            synchronized (registered) {
                clientId = lisClients.getOrDefault(lab, clientId);
                if (!registered.containsKey(clientId)) {
                    String issued = register(clientId, lab);
                    if (issued == null) {
                        clientId = clientId + "-" + Long.toString(System.currentTimeMillis(), 36);
                        issued = register(clientId, lab);
                    }
                    registered.put(clientId, issued);
                    lisClients.put(lab, clientId);
                }
            }
            return bearer(clientId);
        }
    }

    /** Of the operator client: projection status, metrics. */
    public String operator() {
        return bearer("huren-operator");
    }

    /** Of the network QC client: alliances, enrolments, catalogs, assessments for the benchmarks' own alliances. */
    public String qc() {
        return bearer("huren-qc-network");
    }

    /** {@code Authorization} header value of machine client {@code clientId}. */
    public String bearer(String clientId) {
        Token token = tokens.get(clientId);
        if (token == null || Instant.now().isAfter(token.renewAfter())) {
            token = fetch(clientId);
            tokens.put(clientId, token);
        }
        return token.bearer();
    }

    /** The token endpoint does not know the client (401 {@code invalid_client}). */
    private static final class UnknownClientException extends IllegalStateException {
        UnknownClientException(String message) {
            super(message);
        }
    }

    /** Registers an LIS client of {@code lab}; answers its secret, or null when the client exists already (409). */
    private String register(String clientId, String lab) {
        HttpRequest request = HttpRequest.newBuilder(clientsEndpoint).timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer("huren-admin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("clientId", clientId)
                        .put("lab", lab).set("roles", JSON.createArrayNode().add("LIS")).toString())).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 409) {
                return null;
            }
            if (response.statusCode() != 201) {
                throw new IllegalStateException("cannot register client " + clientId + " at " + clientsEndpoint
                        + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).path("clientSecret").asText();
        } catch (IOException e) {
            throw new IllegalStateException("cannot register client " + clientId + " at " + clientsEndpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Token fetch(String clientId) {
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (clientId + ":" + registered.getOrDefault(clientId, secret)).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 && response.body().contains("invalid_client")) {
                throw new UnknownClientException("no client " + clientId + " at " + tokenEndpoint);
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no token for client " + clientId + " from " + tokenEndpoint + ": "
                        + response.statusCode() + " " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            long seconds = body.path("expires_in").asLong(300);
            return new Token("Bearer " + body.path("access_token").asText(),
                    Instant.now().plusSeconds(Math.max(1, seconds - 60)));
        } catch (IOException e) {
            throw new IllegalStateException("no token for client " + clientId + " from " + tokenEndpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
