package org.huren.ops.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;

/**
 * The clinician's question, asked by several clients at once in a closed loop: {@code GET
 * {base}/Observation/$reusable?alliance=&patient.identifier=<national ID>&code=http://loinc.org|<loinc>} for a
 * random person of the pool and a random analyte. Plain {@code java.net.http} GETs over one keep-alive
 * {@link HttpClient} (not HAPI's generic client), so the client adds little to the round trip it measures: from
 * just before the request is sent to the whole answer read. Every answer must be HTTP 200 with a
 * {@code reusable} parameter; whether that is true is counted.
 */
final class ReusableQueries {

    /** The calls of one phase. */
    record Outcome(int calls, Histogram latencyMicros, long reusable, long notReusable, long startNanos,
                   long endNanos, String failure) {
        long wallNanos() {
            return endNanos - startNanos;
        }
    }

    private final HttpClient http;
    private final String operationUrl;
    private final String runId;
    private final int persons;

    ReusableQueries(HttpClient http, URI base, String allianceId, String runId, int persons) {
        this.http = http;
        this.operationUrl = base + "/Observation/$reusable?alliance=" + encode(allianceId);
        this.runId = runId;
        this.persons = persons;
    }

    /** The request for one person and LOINC code. */
    HttpRequest request(int person, String loinc) {
        String url = operationUrl
                + "&patient.identifier=" + encode(PersonBundleGenerator.NATIONAL_ID + "|"
                + PersonBundleGenerator.nationalId(runId, person))
                + "&code=" + encode(LabBundleGenerator.LOINC + "|" + loinc);
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", IngestBenchmark.FHIR_JSON)
                .header("Authorization", AccessTokens.at(url.substring(0, url.indexOf("/fhir"))).qc())
                .GET()
                .build();
    }

    /**
     * Makes {@code calls} calls from {@code clients} threads, each taking the next call from a shared count.
     *
     * @param seed the random persons and analytes; each client draws from {@code seed + client}
     */
    Outcome run(int calls, int clients, long seed) throws InterruptedException {
        AtomicInteger remaining = new AtomicInteger(calls);
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong reusable = new AtomicLong();
        AtomicLong notReusable = new AtomicLong();
        AtomicLong lastResponse = new AtomicLong(Long.MIN_VALUE);
        CountDownLatch go = new CountDownLatch(1);
        int threads = Math.max(1, Math.min(clients, calls));
        List<Thread> started = new ArrayList<>(threads);
        List<Histogram> histograms = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            Histogram histogram = new Histogram(3); // auto-resizing, microseconds
            histograms.add(histogram);
            SplittableRandom random = new SplittableRandom(seed + t);
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    while (failure.get() == null && remaining.getAndDecrement() > 0) {
                        HttpRequest request = request(random.nextInt(persons),
                                LabBundleGenerator.ANALYTES.get(random.nextInt(LabBundleGenerator.ANALYTES.size()))
                                        .loinc());
                        long t0 = System.nanoTime();
                        HttpResponse<String> response;
                        try {
                            response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        } catch (IOException e) {
                            failure.compareAndSet(null, "GET " + request.uri() + " failed: " + e);
                            break;
                        }
                        long t1 = System.nanoTime();
                        if (response.statusCode() != 200) {
                            failure.compareAndSet(null, "GET " + request.uri() + ": HTTP " + response.statusCode()
                                    + "\n" + response.body());
                            break;
                        }
                        Boolean answer = reusableIn(response.body());
                        if (answer == null) {
                            failure.compareAndSet(null, "GET " + request.uri() + ": no reusable parameter in\n"
                                    + response.body());
                            break;
                        }
                        histogram.recordValue(Math.max(1, (t1 - t0) / 1000));
                        lastResponse.accumulateAndGet(t1, Math::max);
                        (answer ? reusable : notReusable).incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, "interrupted");
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, "query client failed: " + e);
                }
            }, "reusable-client-" + t);
            started.add(thread);
            thread.start();
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        long end = lastResponse.get() == Long.MIN_VALUE ? System.nanoTime() : lastResponse.get();
        Histogram all = new Histogram(3);
        histograms.forEach(all::add);
        return new Outcome(calls, all, reusable.get(), notReusable.get(), start, end, failure.get());
    }

    /**
     * The {@code reusable} parameter's value in a {@code Parameters} answer, or null when there is none: a cheap
     * scan, not a parse ({@code ..."name":"reusable","valueBoolean":true...}, with or without pretty-printing).
     */
    static Boolean reusableIn(String body) {
        int name = body.indexOf("\"reusable\"");
        if (name < 0) {
            return null;
        }
        int key = body.indexOf("\"valueBoolean\"", name);
        if (key < 0) {
            return null;
        }
        int i = key + "\"valueBoolean\"".length();
        while (i < body.length() && (Character.isWhitespace(body.charAt(i)) || body.charAt(i) == ':')) {
            i++;
        }
        if (body.startsWith("true", i)) {
            return Boolean.TRUE;
        }
        if (body.startsWith("false", i)) {
            return Boolean.FALSE;
        }
        return null;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
