package org.huren.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.huren.fhir.server.HurenHeaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A QC manager's client of {@code /api} over real HTTP with a real token: JSON in and out, and every read waits
 * for the newest position any write answered with. Made with a lab code, it asks as a member of that lab's staff
 * (its token acts for the lab); made with an identity, as that identity.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong lastPosition = new AtomicLong(-1);
    private final int port;
    private final Tokens.Identity identity;

    public ApiClient(int port) {
        this(port, Tokens.qcNetwork());
    }

    public ApiClient(int port, String lab) {
        this(port, Tokens.labStaff(lab));
    }

    public ApiClient(int port, Tokens.Identity identity) {
        this.base = "http://localhost:" + port;
        this.port = port;
        this.identity = identity;
    }

    /** This client's reads-wait-for position, as {@code other}: e.g. an operator looking after a QC manager's writes. */
    public ApiClient as(Tokens.Identity other) {
        ApiClient client = new ApiClient(port, other);
        client.awaitPosition(lastPosition());
        return client;
    }

    /** An operator's client: projection status, replays, dead letters, metrics. */
    public static ApiClient operator(int port) {
        return new ApiClient(port, Tokens.operator());
    }

    public record Answer(int status, JsonNode body, String contentType, java.net.http.HttpHeaders headers) {
        public String text(String field) {
            JsonNode node = body.path(field);
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        }

        /** The event position the write answered with ({@code X-HuRen-Event-Position}), or null without one. */
        public Long position() {
            return headers.firstValueAsLong(HurenHeaders.EVENT_POSITION).stream().boxed().findFirst().orElse(null);
        }
    }

    public Answer post(String path, Object body) {
        return send("POST", path, body);
    }

    /** A POST with these headers besides the JSON body's (an Accept-Language, say). */
    public Answer post(String path, Object body, java.util.Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    public Answer put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Answer get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (lastPosition.get() >= 0) {
            // a loaded 2-core machine replaying the whole test store can take longer than the default 10 s
            request.header(HurenHeaders.AWAIT_POSITION, Long.toString(lastPosition.get()))
                    .header(HurenHeaders.AWAIT_MILLIS, "60000");
        }
        return exchange(request.build());
    }

    /** A GET with exactly these headers (no automatic await): to prove what a read waits for. */
    public Answer get(String path, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        return exchange(request.build());
    }

    private Answer send(String method, String path, Object body) {
        return send(method, path, body, java.util.Map.of());
    }

    private Answer send(String method, String path, Object body, java.util.Map<String, String> headers) {
        try {
            String json = body == null ? "" : body instanceof String text ? text : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
            headers.forEach(request::header);
            return exchange(request.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer exchange(HttpRequest request) {
        if (identity != null) {
            request = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Authorization", "Bearer " + Tokens.of(port, identity)).build();
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            response.headers().firstValueAsLong(HurenHeaders.EVENT_POSITION)
                    .ifPresent(p -> lastPosition.accumulateAndGet(p, Math::max));
            JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body,
                    response.headers().firstValue("Content-Type").orElse(""), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long lastPosition() {
        return lastPosition.get();
    }

    /** Later reads wait (bounded) until the read models have reached {@code position} too. */
    public void awaitPosition(long position) {
        lastPosition.accumulateAndGet(position, Math::max);
    }
}
