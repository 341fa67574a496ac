package org.huren.ops.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Watches one event processor through {@code GET {server root}/api/projections/status} (body
 * {@code {"headPosition":123,"processors":[{"name":"recognition","position":120,"lagEvents":3,"replaying":false,...}]}})
 * and asks for replays ({@code POST /api/projections/{name}/replay}, answered 202
 * {@code {"processor":"recognition","replayingTo":123}}).
 *
 * <p>The server's {@code X-HuRen-Await-Position} wait (used by {@link ReadModelWatcher}) answers only once
 * <em>every</em> processor has passed a position, so to time one processor on its own this class polls the
 * status without that header, every {@link #POLL_EVERY}.
 */
public final class ProjectionMonitor {

    /** Between two status polls, ms: the resolution of the times measured with {@link #awaitProcessor}. */
    static final int POLL_MILLIS = 50;
    static final Duration POLL_EVERY = Duration.ofMillis(POLL_MILLIS);

    /** One processor as the answering node sees it: {@code claimedHere} of its {@code segments} are this node's. */
    public record Processor(String name, long position, long lagEvents, int segments, int claimedHere, boolean running,
                            boolean error, boolean replaying) {
    }

    public record Status(long headPosition, List<Processor> processors) {
        public Optional<Processor> processor(String name) {
            return processors.stream().filter(p -> p.name().equals(name)).findFirst();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("head=").append(headPosition);
            for (Processor p : processors) {
                sb.append(", ").append(p.name()).append('=').append(p.position())
                        .append(" (lag ").append(p.lagEvents());
                if (p.replaying()) {
                    sb.append(", replaying");
                }
                if (p.error()) {
                    sb.append(", ERROR");
                }
                if (!p.running()) {
                    sb.append(", not running");
                }
                sb.append(')');
            }
            return sb.toString();
        }
    }

    /** When (System.nanoTime) the processor was seen at the position, and what the status said then. */
    record Reached(long observedAtNanos, Status status, int polls) {
    }

    private final HttpClient http;
    private final URI serverRoot;
    private final HttpRequest statusRequest;
    private final ObjectMapper json = new ObjectMapper();

    public ProjectionMonitor(HttpClient http, URI serverRoot) {
        this.http = http;
        this.serverRoot = serverRoot;
        this.statusRequest = HttpRequest.newBuilder(URI.create(serverRoot + "/api/projections/status"))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    /** The status now; IOException also for an answer other than 200. */
    public Status fetch() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(statusRequest, (name, value) -> true)
                .header("Authorization", AccessTokens.at(serverRoot).operator()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + statusRequest.uri() + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        JsonNode root = json.readTree(response.body());
        List<Processor> processors = new ArrayList<>();
        for (JsonNode p : root.path("processors")) {
            processors.add(new Processor(p.path("name").asText("?"), p.path("position").asLong(-1),
                    p.path("lagEvents").asLong(-1), p.path("segments").asInt(-1), p.path("claimedHere").asInt(-1),
                    p.path("running").asBoolean(true), p.path("error").asBoolean(false),
                    p.path("replaying").asBoolean(false)));
        }
        return new Status(root.path("headPosition").asLong(-1), processors);
    }

    /**
     * Polls until processor {@code name} has reached {@code target}.
     *
     * @throws ReadModelWatcher.NotCaughtUpException after {@code timeout}, or at once when the server has no
     *                                               such processor
     */
    Reached awaitProcessor(String name, long target, Duration timeout)
            throws ReadModelWatcher.NotCaughtUpException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastSeen = "no answer yet";
        int polls = 0;
        while (true) {
            polls++;
            try {
                Status status = fetch();
                long now = System.nanoTime();
                Processor p = status.processor(name).orElseThrow(() -> new ReadModelWatcher.NotCaughtUpException(
                        "the server has no event processor named " + name + "; status: " + status));
                if (p.position() >= target) {
                    return new Reached(now, status, polls);
                }
                lastSeen = status.toString();
            } catch (IOException | RuntimeException e) {
                lastSeen = "GET " + statusRequest.uri() + " failed: " + e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new ReadModelWatcher.NotCaughtUpException("processor " + name + " did not reach event position "
                        + target + " within " + timeout.toSeconds() + " s; last status: " + lastSeen);
            }
            // a plain poll: the server's await header would also wait for every other processor
            LockSupport.parkNanos(POLL_EVERY.toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /**
     * Asks the server to rebuild processor {@code name} from the event store.
     *
     * @return the head position it replays to
     */
    long replay(String name) throws IOException, InterruptedException {
        URI uri = URI.create(serverRoot + "/api/projections/" + name + "/replay");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(5)) // the server stops the processor first
                .header("Accept", "application/json")
                .header("Authorization", AccessTokens.at(serverRoot).operator())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            throw new IOException("POST " + uri + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = json.readTree(response.body());
        long head = body.path("replayingTo").asLong(-1);
        if (head < 0) {
            head = IngestBenchmark.parsePosition(response.headers().firstValue(IngestBenchmark.POSITION_HEADER).orElse(""));
        }
        if (head < 0) {
            throw new IOException("POST " + uri + " answered no replayingTo: " + response.body());
        }
        return head;
    }
}
