package org.huren.ops.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;
import org.huren.ops.bench.LabBundleGenerator.PreparedBundle;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/**
 * Ingest benchmark: posts synthetic LIS transaction Bundles to a running HuRen server from several client
 * threads, measures write throughput and per-Bundle latency, then waits until the read model (the event
 * processors behind {@code /api/projections/status}) has caught up with the last write.
 *
 * <p>Run {@code --help} for the options. Exit codes: 0 ok, 1 a post failed, 2 bad arguments,
 * 3 read model not caught up / no event positions returned.
 */
public final class IngestBenchmark {

    static final String POSITION_HEADER = "X-HuRen-Event-Position";
    static final String FHIR_JSON = "application/fhir+json";
    static final Duration POLL_EVERY = Duration.ofSeconds(10);

    private final BenchmarkOptions options;
    private final HttpClient http;

    private IngestBenchmark(BenchmarkOptions options) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public static void main(String[] args) {
        CommandLine.main(args, BenchmarkOptions::parse, BenchmarkOptions::usage, options -> new IngestBenchmark(options)::run);
    }

    private int run() throws InterruptedException {
        BenchmarkOptions o = options;
        line("run id", o.runId + " (seed " + o.seed + ")");
        line("target", o.base + "  (lab " + o.lab + ", read model " + o.serverRoot + "/api/projections/status)");

        // ---- generate and serialize everything before the clock starts
        long genStart = System.nanoTime();
        IParser parser = FhirContext.forR4().newJsonParser().setPrettyPrint(false);
        LabBundleGenerator generator = new LabBundleGenerator(parser, o.seed, o.runId, o.patients, OffsetDateTime.now());
        List<PreparedBundle> warmup = o.warmup > 0 ? generator.generate("W", o.warmup, o.bundleSize) : List.of();
        List<PreparedBundle> measured = generator.generate("M", o.observations, o.bundleSize);
        long bytes = measured.stream().mapToLong(b -> b.json().length).sum();
        line("generated", String.format(Locale.ROOT, "%d + %d bundles (%.1f MiB measured) in %d ms",
                warmup.size(), measured.size(), bytes / 1048576.0, millis(System.nanoTime() - genStart)));

        ReadModelWatcher watcher = new ReadModelWatcher(http, o.serverRoot);
        Duration catchUpTimeout = Duration.ofSeconds(o.catchUpTimeoutSeconds);

        // ---- warm-up: posted like the real thing, not measured; then let the read model drain
        if (!warmup.isEmpty()) {
            Phase w = post(warmup);
            if (w.failure != null) {
                return fail(w.failure);
            }
            String caughtUp = "read model not checked (no " + POSITION_HEADER + " header)";
            if (w.maxPosition >= 0) {
                try {
                    ReadModelWatcher.CatchUp c = watcher.awaitPosition(w.maxPosition, POLL_EVERY, catchUpTimeout);
                    caughtUp = "read model caught up " + millis(c.observedAtNanos() - w.lastResponseNanos) + " ms after";
                } catch (ReadModelWatcher.NotCaughtUpException e) {
                    System.err.println("error (warm-up): " + e.getMessage());
                    return 3;
                }
            }
            line("warm-up", String.format(Locale.ROOT, "%d Observations in %d bundles, %.0f Observations/s, %s",
                    o.warmup, warmup.size(), o.warmup / seconds(w.lastResponseNanos - w.startNanos), caughtUp));
        }

        // ---- measured phase
        Phase m = post(measured);
        if (m.failure != null) {
            return fail(m.failure);
        }
        double writeSeconds = seconds(m.lastResponseNanos - m.startNanos);
        Histogram h = m.latencyMicros;

        line("observations", String.format(Locale.ROOT, "%d in %d bundles of <= %d, %d clients, %d patients",
                o.observations, measured.size(), o.bundleSize, o.clients, o.patients));
        line("write wall time", String.format(Locale.ROOT, "%.3f s", writeSeconds));
        line("write throughput", String.format(Locale.ROOT, "%.1f Observations/s (%.1f bundles/s)",
                o.observations / writeSeconds, measured.size() / writeSeconds));
        line("bundle latency p50", ms(h.getValueAtPercentile(50)));
        line("bundle latency p95", ms(h.getValueAtPercentile(95)));
        line("bundle latency p99", ms(h.getValueAtPercentile(99)));
        line("bundle latency max", ms(h.getMaxValue()));

        if (m.missingPosition > 0) {
            System.err.printf(Locale.ROOT, "error: %d of %d responses had no parseable %s header%n",
                    m.missingPosition, measured.size(), POSITION_HEADER);
            if (m.maxPosition < 0) {
                System.err.println("error: cannot wait for the read model without event positions");
                return 3;
            }
        }
        line("max event position", Long.toString(m.maxPosition));

        // ---- wait for the read model
        ReadModelWatcher.CatchUp c;
        try {
            c = watcher.awaitPosition(m.maxPosition, POLL_EVERY, catchUpTimeout);
        } catch (ReadModelWatcher.NotCaughtUpException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        }
        line("time until read model caught up (after last write)",
                millis(c.observedAtNanos() - m.lastResponseNanos) + " ms (" + c.polls() + " polls; " + c.status() + ")");
        double totalSeconds = seconds(c.observedAtNanos() - m.startNanos);
        line("time from first post to read model caught up", String.format(Locale.ROOT, "%.3f s", totalSeconds));
        line("Observations/s with read model caught up",
                String.format(Locale.ROOT, "%.1f", o.observations / totalSeconds));
        return m.missingPosition > 0 ? 3 : 0;
    }

    // ------------------------------------------------------------------------------------------ posting

    /** Outcome of posting one list of Bundles. */
    private static final class Phase {
        long startNanos;
        long lastResponseNanos;
        long maxPosition = -1;
        int missingPosition;
        Histogram latencyMicros;
        String failure;
    }

    private Phase post(List<PreparedBundle> bundles) throws InterruptedException {
        ConcurrentLinkedQueue<PreparedBundle> queue = new ConcurrentLinkedQueue<>(bundles);
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong maxPosition = new AtomicLong(-1);
        AtomicLong lastResponse = new AtomicLong(Long.MIN_VALUE);
        AtomicInteger missingPosition = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        int clients = Math.min(options.clients, bundles.size());
        List<Thread> threads = new ArrayList<>(clients);
        List<Histogram> histograms = new ArrayList<>(clients);

        for (int t = 0; t < clients; t++) {
            Histogram histogram = new Histogram(3); // auto-resizing, microseconds
            histograms.add(histogram);
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    PreparedBundle b;
                    while (failure.get() == null && (b = queue.poll()) != null) {
                        HttpRequest request = HttpRequest.newBuilder(options.base)
                                .timeout(Duration.ofMinutes(2))
                                .header("Content-Type", FHIR_JSON)
                                .header("Accept", FHIR_JSON)
                                .header("Authorization", AccessTokens.at(options.base).lis(options.lab))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(b.json()))
                                .build();
                        long t0 = System.nanoTime();
                        HttpResponse<String> response;
                        try {
                            response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        } catch (IOException e) {
                            failure.compareAndSet(null, "bundle " + b.phase() + b.index() + ": POST " + options.base
                                    + " failed: " + e);
                            break;
                        }
                        long t1 = System.nanoTime();
                        if (response.statusCode() != 200) {
                            failure.compareAndSet(null, "bundle " + b.phase() + b.index() + ": HTTP "
                                    + response.statusCode() + "\n" + response.body());
                            break;
                        }
                        histogram.recordValue(Math.max(1, (t1 - t0) / 1000));
                        lastResponse.accumulateAndGet(t1, Math::max);
                        long position = parsePosition(response.headers().firstValue(POSITION_HEADER).orElse(""));
                        if (position >= 0) {
                            maxPosition.accumulateAndGet(position, Math::max);
                        } else {
                            missingPosition.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, "interrupted");
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, "client thread failed: " + e);
                }
            }, "bench-client-" + t);
            threads.add(thread);
            thread.start();
        }

        Phase phase = new Phase();
        phase.startNanos = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        phase.lastResponseNanos = lastResponse.get() == Long.MIN_VALUE ? System.nanoTime() : lastResponse.get();
        phase.maxPosition = maxPosition.get();
        phase.missingPosition = missingPosition.get();
        phase.failure = failure.get();
        Histogram all = new Histogram(3);
        histograms.forEach(all::add);
        phase.latencyMicros = all;
        return phase;
    }

    /** The header's value, or -1 when it is absent or not a number. */
    static long parsePosition(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int fail(String failure) {
        System.err.println("FAILED: " + failure);
        return 1;
    }

    // ------------------------------------------------------------------------------------------ output

    private static void line(String label, String value) {
        System.out.printf(Locale.ROOT, "%-52s %s%n", label + ":", value);
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
