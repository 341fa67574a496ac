package org.huren.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Real access tokens from the embedded authorization server, as each kind of caller gets them: machine clients
 * by the client-credentials grant, people by signing in (authorization code with PKCE, through the login form).
 * Test clients and users are registered through {@code /api/admin} by the demo administrator client; tokens are
 * kept for ten minutes.
 */
public final class Tokens {

    /** The demo secret of the default configuration ({@code huren.security.demo-secret}). */
    public static final String DEMO_SECRET = "huren-demo";
    /** The password of the test users ({@link #of} registers them). */
    public static final String TEST_PASSWORD = "test-password-1";
    static final String REDIRECT = "http://127.0.0.1/callback";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Issued> ISSUED = new ConcurrentHashMap<>();
    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();

    /** Who a test acts as. */
    public record Identity(boolean machine, String name, List<String> roles, String lab, List<String> alliances) {
        public static Identity client(String name, List<String> roles, String lab, List<String> alliances) {
            return new Identity(true, name, roles, lab, alliances);
        }

        public static Identity user(String name, List<String> roles, String lab, List<String> alliances) {
            return new Identity(false, name, roles, lab, alliances);
        }
    }

    private record Issued(String token, Instant at) {
    }

    /** A QC manager, assessor and auditor of every alliance (a network-level QC centre). */
    public static Identity qcNetwork() {
        return Identity.user("test-qc-network", List.of("QC_MANAGER", "ASSESSOR", "AUDITOR"), null, List.of("*"));
    }

    /** The LIS client of {@code lab}. */
    public static Identity lis(String lab) {
        return Identity.client("test-lis-" + lab.toLowerCase(Locale.ROOT), List.of("LIS"), lab, List.of());
    }

    /** A member of {@code lab}'s staff. */
    public static Identity labStaff(String lab) {
        return Identity.user("test-staff-" + lab.toLowerCase(Locale.ROOT), List.of("LAB_STAFF"), lab, List.of());
    }

    /** A clinician at {@code lab}. */
    public static Identity clinician(String lab) {
        return Identity.user("test-clinician-" + lab.toLowerCase(Locale.ROOT), List.of("CLINICIAN"), lab, List.of());
    }

    /** The demo operator client. */
    public static Identity operator() {
        return Identity.client("huren-operator", List.of("OPERATOR"), null, List.of());
    }

    private Tokens() {
    }

    /** A valid access token of {@code identity} from the server at {@code port}, registering it first if need be. */
    public static String of(int port, Identity identity) {
        String key = port + " " + identity.name();
        Issued issued = ISSUED.get(key);
        if (issued == null || issued.at().isBefore(Instant.now().minus(Duration.ofMinutes(10)))) {
            issued = new Issued(identity.machine() ? machineToken(port, identity) : userToken(port, identity),
                    Instant.now());
            ISSUED.put(key, issued);
        }
        return issued.token();
    }

    private static String machineToken(int port, Identity identity) {
        String secret = identity.name().startsWith("huren-") ? DEMO_SECRET
                : SECRETS.computeIfAbsent(port + " " + identity.name(), key -> registerClient(port, identity));
        return clientCredentials(port, identity.name(), secret);
    }

    /** The client-credentials grant: what an LIS does. */
    public static String clientCredentials(int port, String clientId, String secret) {
        return clientCredentials(port, clientId, secret, null);
    }

    /** The client-credentials grant asking for {@code scope} only (null: every scope the client is registered for). */
    public static String clientCredentials(int port, String clientId, String secret, String scope) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(port, "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                        + (scope == null ? "" : "&" + form(Map.of("scope", scope))))).build(), plain());
        return accessToken(response);
    }

    private static String registerClient(int port, Identity identity) {
        HttpResponse<String> response = send(admin(port, "/api/admin/clients", Map.of("clientId", identity.name(),
                "roles", identity.roles(), "lab", identity.lab() == null ? "" : identity.lab(),
                "alliances", identity.alliances())), plain());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("could not register client " + identity.name() + ": "
                    + response.statusCode() + " " + response.body());
        }
        return read(response.body()).path("clientSecret").asText();
    }

    private static String userToken(int port, Identity identity) {
        if (!identity.name().startsWith("huren-")) {
            Map<String, Object> user = new java.util.HashMap<>(Map.of("username", identity.name(),
                    "password", TEST_PASSWORD, "roles", identity.roles(), "alliances", identity.alliances()));
            if (identity.lab() != null) {
                user.put("lab", identity.lab());
            }
            HttpResponse<String> response = send(admin(port, "/api/admin/users", user), plain());
            if (response.statusCode() != 201 && response.statusCode() != 409) {
                throw new IllegalStateException("could not add user " + identity.name() + ": "
                        + response.statusCode() + " " + response.body());
            }
        }
        return signIn(port, identity.name(), identity.name().startsWith("huren-") ? DEMO_SECRET : TEST_PASSWORD);
    }

    /**
     * What a person does in a browser: ask to sign in, fill in the login form, come back with a code, and trade it
     * (with the PKCE verifier) for a token.
     */
    public static String signIn(int port, String username, String password) {
        return signIn(port, username, password, USER_SCOPES);
    }

    /** What a clinician's or QC manager's app asks for: reading, as the user, what HuRen serves. */
    public static final String USER_SCOPES = "openid profile fhirUser user/Observation.rs user/Patient.rs "
            + "user/Specimen.rs user/DiagnosticReport.rs user/Organization.rs user/CodeSystem.rs user/ConceptMap.rs "
            + "user/AuditEvent.rs";

    /** Signs in asking for {@code scope}. */
    public static String signIn(int port, String username, String password, String scope) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = randomUrlSafe(32);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        String authorize = "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", "huren-console",
                "redirect_uri", REDIRECT, "scope", scope, "state", randomUrlSafe(8),
                "code_challenge", challenge, "code_challenge_method", "S256"));
        HttpResponse<String> toLogin = send(browser, HttpRequest.newBuilder(uri(port, authorize))
                .header("Accept", "text/html").GET().build());
        expectRedirect(toLogin, "/login");
        HttpResponse<String> loginPage = send(browser, HttpRequest.newBuilder(uri(port, "/login"))
                .header("Accept", "text/html").GET().build());
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+type=\"hidden\"\\s+value=\"([^\"]+)\"")
                .matcher(loginPage.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the login page: " + loginPage.body());
        }
        HttpResponse<String> loggedIn = send(browser, HttpRequest.newBuilder(uri(port, "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                        "_csrf", csrf.group(1))))).build());
        String back = expectRedirect(loggedIn, "/oauth2/authorize");
        HttpResponse<String> withCode = send(browser, HttpRequest.newBuilder(URI.create(back.startsWith("http")
                ? back : "http://localhost:" + port + back)).header("Accept", "text/html").GET().build());
        String callback = expectRedirect(withCode, REDIRECT);
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(callback);
        if (!code.find()) {
            throw new IllegalStateException("no code in " + callback);
        }
        HttpResponse<String> token = send(browser, HttpRequest.newBuilder(uri(port, "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "code", java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), "redirect_uri", REDIRECT,
                        "client_id", "huren-console", "code_verifier", verifier)))).build());
        return accessToken(token);
    }

    private static HttpRequest admin(int port, String path, Map<String, Object> body) {
        try {
            return HttpRequest.newBuilder(uri(port, path))
                    .header("Authorization", "Bearer " + of(port, Identity.client("huren-admin", List.of("ADMIN"),
                            null, List.of())))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String expectRedirect(HttpResponse<String> response, String prefix) {
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() / 100 != 3 || !(location.startsWith(prefix) || location.contains(prefix))) {
            throw new IllegalStateException("expected a redirect to " + prefix + ", got " + response.statusCode()
                    + " " + location + " " + response.body());
        }
        return location;
    }

    private static String accessToken(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token: " + response.statusCode() + " " + response.body());
        }
        return read(response.body()).path("access_token").asText();
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpClient plain() {
        return HttpClient.newHttpClient();
    }

    private static HttpResponse<String> send(HttpRequest request, HttpClient client) {
        return send(client, request);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
