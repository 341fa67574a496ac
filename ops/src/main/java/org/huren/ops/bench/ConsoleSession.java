package org.huren.ops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person signed in to the console as a browser is: a user registered through {@code POST /api/admin/users} (as the
 * demo administrator), then the console's authorization-code flow followed with a cookie jar — the console page
 * redirects to the authorization server, its login form is posted with its CSRF token, and the redirects lead back to
 * the page with the console's session cookie. Its {@link #client()} then reads pages as that person.
 */
final class ConsoleSession {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

    private final HttpClient client;

    private ConsoleSession(HttpClient client) {
        this.client = client;
    }

    /** The client with the session's cookie: every request it sends is the signed-in person's. */
    HttpClient client() {
        return client;
    }

    /**
     * Registers user {@code username} (password {@code password}; roles, lab and alliances as given; an existing user
     * of that name is kept) and signs in with it, starting at console page {@code page}.
     *
     * @param root the server root, {@code http://127.0.0.1:port}: the console's redirects are accepted for loopback
     *             addresses, not for {@code localhost}
     */
    static ConsoleSession signIn(URI root, String username, String password, List<String> roles, String lab,
                                 List<String> alliances, String page) throws IOException, InterruptedException {
        HttpClient api = HttpClient.newHttpClient();
        ObjectNode user = JSON.createObjectNode().put("username", username).put("password", password);
        roles.forEach(user.putArray("roles")::add);
        if (lab != null) {
            user.put("lab", lab);
        }
        alliances.forEach(user.putArray("alliances")::add);
        HttpResponse<String> created = api.send(HttpRequest.newBuilder(root.resolve("/api/admin/users"))
                .header("Authorization", AccessTokens.at(root).bearer("huren-admin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(user.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IllegalStateException("cannot register console user " + username + ": " + created.statusCode()
                    + " " + created.body());
        }
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(root.resolve(page)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher input = CSRF.matcher(login.body());
        if (login.statusCode() != 200 || !input.find()) {
            throw new IllegalStateException("no login form on the way to " + page + " (" + login.uri() + ": "
                    + login.statusCode() + ")");
        }
        Matcher token = VALUE.matcher(input.group());
        if (!token.find()) {
            throw new IllegalStateException("the login form at " + login.uri() + " has no CSRF token");
        }
        String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
                + encode(token.group(1));
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(login.uri().resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 200 || !signedIn.uri().getPath().equals(URI.create(root + page).getPath())) {
            throw new IllegalStateException("signing in as " + username + " ended at " + signedIn.uri() + " with "
                    + signedIn.statusCode() + ", not at " + page);
        }
        return new ConsoleSession(browser);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
