package org.huren.ops.fault;

import org.huren.ops.bench.AccessTokens;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.huren.ops.bench.LabBundleGenerator;

/**
 * Every result the server acknowledged (a 2xx answer to the Bundle that carried it), by its LIS identifier
 * (system {@link LabBundleGenerator#RESULT_SYSTEM}), and the check that each is found exactly once afterwards: none
 * lost by a crash after the answer, none stored twice because the client posted the same Bundle again.
 */
final class Ledger {

    /** Identifiers per search: the request line stays far below the server's 64 KB. */
    static final int BATCH = 100;

    /** What the server holds of the ledger. */
    record Verdict(int acknowledged, int found, List<String> lost, Map<String, Integer> duplicated) {
        boolean clean() {
            return lost.isEmpty() && duplicated.isEmpty();
        }
    }

    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> ackTimes = new ConcurrentLinkedQueue<>();
    private final ObjectMapper json = new ObjectMapper();

    void acknowledge(List<String> resultIds, long atNanos) {
        acknowledged.addAll(resultIds);
        ackTimes.add(atNanos);
    }

    int size() {
        return acknowledged.size();
    }

    /**
     * Waits until a Bundle is acknowledged after {@code sinceNanos} (System.nanoTime).
     *
     * @return when it was, or -1 after {@code timeout}
     */
    long awaitAckAfter(long sinceNanos, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long first = ackTimes.stream().filter(t -> t - sinceNanos > 0).min(Long::compare).orElse(-1L);
            if (first != -1 || System.nanoTime() - deadline > 0) {
                return first;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /**
     * Searches every acknowledged identifier, {@value #BATCH} to a request ({@code identifier=} with comma-separated
     * values), the first request awaiting {@code position} so the read model holds every acknowledged write.
     */
    Verdict verify(HttpClient http, URI fhirBase, long position, Duration timeout)
            throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>(acknowledged);
        Map<String, Integer> counts = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            String tokens = batch.stream().map(id -> LabBundleGenerator.RESULT_SYSTEM + "|" + id)
                    .collect(Collectors.joining(","));
            URI uri = URI.create(fhirBase + "/Observation?_count=500&identifier="
                    + URLEncoder.encode(tokens, StandardCharsets.UTF_8));
            JsonNode bundle = search(http, uri, position, timeout);
            JsonNode entries = bundle.path("entry");
            if (bundle.path("total").asInt(entries.size()) != entries.size()) {
                throw new IOException("the search for " + batch.size() + " identifiers found " + bundle.path("total")
                        + " results, more than one page: " + uri);
            }
            for (JsonNode entry : entries) {
                for (JsonNode identifier : entry.path("resource").path("identifier")) {
                    if (LabBundleGenerator.RESULT_SYSTEM.equals(identifier.path("system").asText())) {
                        counts.merge(identifier.path("value").asText(), 1, Integer::sum);
                    }
                }
            }
        }
        List<String> lost = ids.stream().filter(id -> !counts.containsKey(id)).toList();
        Map<String, Integer> duplicated = new TreeMap<>();
        counts.forEach((id, n) -> {
            if (n > 1) {
                duplicated.put(id, n);
            }
        });
        return new Verdict(ids.size(), (int) ids.stream().filter(counts::containsKey).count(), lost, duplicated);
    }

    /** One search page; a 503 (read model behind, database away) is asked again until the timeout. */
    private JsonNode search(HttpClient http, URI uri, long position, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(90))
                .header("Accept", "application/fhir+json")
                .header("Authorization", AccessTokens.at(uri).lis(LedgerLoad.LAB))
                .header("X-HuRen-Await-Position", Long.toString(Math.max(0, position)))
                .header("X-HuRen-Await-Millis", "60000")
                .GET().build();
        String last;
        while (true) {
            HttpResponse<String> response = null;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
                last = "HTTP " + response.statusCode() + ": " + response.body();
            } catch (IOException e) {
                last = e.toString(); // the server restarting: ask again
            }
            if (response != null && response.statusCode() == 200) {
                return json.readTree(response.body());
            }
            if (response != null && response.statusCode() != 503) {
                throw new IOException("GET " + uri + " answered " + last);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("GET " + uri + " did not answer 200 within " + timeout.toSeconds() + " s: " + last);
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }
}
