package org.huren.ops.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Waits until every event processor has reached a given event position: asks
 * {@code GET {server root}/api/projections/status} with {@code X-HuRen-Await-Position}, so the server answers
 * as soon as the read models are there (or 503 after its bounded wait, and the watcher asks again until its
 * own timeout). Body: {@code {"headPosition":123,"processors":[{"name":"lab-records","position":120,"lagEvents":3}]}}.
 */
public final class ReadModelWatcher {

    public record Processor(String name, long position, long lagEvents) {
    }

    public record Status(long headPosition, List<Processor> processors) {
        boolean caughtUp(long target) {
            return !processors.isEmpty() && processors.stream().allMatch(p -> p.position() >= target);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("head=").append(headPosition);
            for (Processor p : processors) {
                sb.append(", ").append(p.name()).append('=').append(p.position())
                        .append(" (lag ").append(p.lagEvents()).append(')');
            }
            return sb.toString();
        }
    }

    /** When (System.nanoTime) the read model was seen caught up, and what the status said then. */
    public record CatchUp(long observedAtNanos, Status status, int polls) {
    }

    public static final class NotCaughtUpException extends Exception {
        private static final long serialVersionUID = 1L;

        public NotCaughtUpException(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final URI statusUri;
    private final ObjectMapper json = new ObjectMapper();

    public ReadModelWatcher(HttpClient http, URI serverRoot) {
        this.http = http;
        this.statusUri = URI.create(serverRoot + "/api/projections/status");
    }

    URI statusUri() {
        return statusUri;
    }

    /** {@code pollEvery}: how long the server may wait per request before answering 503. */
    public CatchUp awaitPosition(long target, Duration pollEvery, Duration timeout)
            throws NotCaughtUpException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(statusUri)
                .timeout(Duration.ofSeconds(15))
                .header("Accept", "application/json")
                .header("Authorization", AccessTokens.at(statusUri).operator())
                .header("X-HuRen-Await-Position", Long.toString(target))
                .header("X-HuRen-Await-Millis", Long.toString(Math.max(1, pollEvery.toMillis())))
                .GET()
                .build();
        String lastSeen = "no answer yet";
        int polls = 0;
        while (true) {
            polls++;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long now = System.nanoTime();
                int code = response.statusCode();
                if (code == 200) {
                    Status status = parse(response.body());
                    if (status.caughtUp(target)) {
                        return new CatchUp(now, status, polls);
                    }
                    lastSeen = status.toString();
                } else if (code >= 400 && code < 500) {
                    throw new NotCaughtUpException("GET " + statusUri + " answered HTTP " + code + ": " + response.body());
                } else {
                    lastSeen = "HTTP " + code + ": " + response.body();
                }
            } catch (IOException | RuntimeException e) {
                lastSeen = "GET " + statusUri + " failed: " + e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new NotCaughtUpException("read model did not reach event position " + target + " within "
                        + timeout.toSeconds() + " s; last status: " + lastSeen);
            }
        }
    }

    Status parse(String body) throws IOException {
        JsonNode root = json.readTree(body);
        List<Processor> processors = new ArrayList<>();
        for (JsonNode p : root.path("processors")) {
            processors.add(new Processor(p.path("name").asText("?"), p.path("position").asLong(-1),
                    p.path("lagEvents").asLong(-1)));
        }
        return new Status(root.path("headPosition").asLong(-1), processors);
    }
}
