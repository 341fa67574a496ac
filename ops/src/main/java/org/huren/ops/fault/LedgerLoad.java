package org.huren.ops.fault;

import org.huren.ops.bench.AccessTokens;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.huren.ops.bench.LabBundleGenerator;
import org.huren.ops.bench.LabBundleGenerator.PreparedBundle;

import ca.uhn.fhir.context.FhirContext;

/**
 * LIS clients posting transaction Bundles while faults happen, as an LIS would: each Bundle (conditional creates on
 * the result identifiers and patient MRNs) is posted until it is acknowledged — after a 503 (honouring
 * {@code Retry-After} up to {@code --retry-cap-ms}) or a broken connection the <em>same</em> Bundle again, so a
 * write committed just before a crash is posted twice and must not be stored twice. With several servers a client
 * whose connection breaks moves on to the next one, as behind a load balancer. Every acknowledged result goes into
 * the {@link Ledger}; every request's latency into a histogram (µs), and into the histograms of the fault
 * {@link Window}s open when it was sent.
 */
final class LedgerLoad {

    static final String LAB = "HR-CORE";
    private static final String FHIR_JSON = "application/fhir+json";
    private static final Duration CONNECTION_RETRY = Duration.ofMillis(200);
    private static final Duration SHORTEST_RETRY = Duration.ofMillis(50);
    private static final int PATIENTS_PER_CLIENT = 50;

    /** Figures of a stretch of the run: the whole run, or one fault from its start until writes are acknowledged again. */
    static final class Window {
        final String name;
        /** Every answered request (any status), sent while the window was open: µs. */
        final Histogram requests = new ConcurrentHistogram(3);
        /** First post of a Bundle until its acknowledgement, for Bundles acknowledged while the window was open: µs. */
        final Histogram acknowledgements = new ConcurrentHistogram(3);
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        final LongAdder connectionErrors = new LongAdder();
        /** Connections refused: the request reached no server (counted apart from {@link #connectionErrors}). */
        final LongAdder refusedConnections = new LongAdder();
        final long openedAt = System.nanoTime();
        volatile long closedAt;

        Window(String name) {
            this.name = name;
        }

        long count(int status) {
            LongAdder n = statuses.get(status);
            return n == null ? 0 : n.sum();
        }

        Map<Integer, Long> statusCounts() {
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((status, n) -> counts.put(status, n.sum()));
            return counts;
        }
    }

    private final FaultOptions options;
    private final HttpClient http;
    private final List<URI> fhirBases;
    private final String runId;
    private final Ledger ledger;
    private final Window run = new Window("whole run");
    private final List<Window> open = new CopyOnWriteArrayList<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final LongAdder unexpectedCount = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final AtomicLong maxPosition = new AtomicLong(-1);
    private final List<Thread> clients = new ArrayList<>();
    private final List<String> labs;
    /** Servers out of the load balancer's rotation ({@link #drain}): indexes into {@link #fhirBases}. */
    private final Set<Integer> drained = ConcurrentHashMap.newKeySet();
    /** Each acknowledgement: when it was answered (System.nanoTime) and the event position it answered. */
    private final Queue<long[]> positions = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;
    /** Per client: the pause between the starts of its Bundles (0: none, as fast as answers come). */
    private volatile long paceNanos;
    private volatile long giveUpAt;

    LedgerLoad(FaultOptions options, HttpClient http, List<URI> fhirBases, String runId, Ledger ledger) {
        this(options, http, fhirBases, runId, ledger, List.of(LAB));
    }

    /** Client {@code i} posts as lab {@code labs[i mod size]} (its LIS client's token). */
    LedgerLoad(FaultOptions options, HttpClient http, List<URI> fhirBases, String runId, Ledger ledger,
               List<String> labs) {
        this.labs = List.copyOf(labs);
        this.options = options;
        this.http = http;
        this.fhirBases = List.copyOf(fhirBases);
        this.runId = runId;
        this.ledger = ledger;
    }

    void start() {
        FhirContext fhir = FhirContext.forR4Cached();
        for (int c = 0; c < options.clients; c++) {
            int client = c;
            LabBundleGenerator generator = new LabBundleGenerator(fhir.newJsonParser(), options.seed + client,
                    runId + "c" + client, PATIENTS_PER_CLIENT, OffsetDateTime.now());
            Thread thread = new Thread(() -> post(client, generator), "lis-" + runId + "-" + client);
            thread.setDaemon(true);
            clients.add(thread);
            thread.start();
        }
    }

    /**
     * Takes a server out of the rotation, as a load balancer does once its readiness fails or before a pod is
     * stopped: clients send it nothing new (requests already sent are answered, a graceful stop drains them).
     */
    void drain(URI fhirBase) {
        drained.add(fhirBases.indexOf(fhirBase));
    }

    void restore(URI fhirBase) {
        drained.remove(fhirBases.indexOf(fhirBase));
    }

    /** Paces the clients to {@code bundlesPerSecond} over all of them (0: as fast as they are answered). */
    void pace(double bundlesPerSecond) {
        paceNanos = bundlesPerSecond <= 0 ? 0 : Math.round(options.clients / bundlesPerSecond * 1e9);
    }

    /** Every acknowledgement as (System.nanoTime answered, event position answered). */
    List<long[]> positions() {
        return List.copyOf(positions);
    }

    Window openWindow(String name) {
        Window window = new Window(name);
        open.add(window);
        return window;
    }

    void closeWindow(Window window) {
        window.closedAt = System.nanoTime();
        open.remove(window);
    }

    /**
     * Starts no new Bundle and waits for the clients to get their last ones acknowledged (bounded by
     * {@code --catch-up-timeout}; what is still unacknowledged then is abandoned, and not in the ledger).
     */
    void stop() throws InterruptedException {
        finish();
        for (Thread client : clients) {
            client.join();
        }
    }

    /** As {@link #stop()}, without waiting. */
    void finish() {
        if (!stopping) {
            giveUpAt = System.nanoTime() + options.catchUpTimeout.toNanos();
            stopping = true;
        }
    }

    Window run() {
        return run;
    }

    long maxPosition() {
        return maxPosition.get();
    }

    /** Answers other than 2xx, 503 (and broken connections): each a failure of the scenario. */
    long unexpectedCount() {
        return unexpectedCount.sum();
    }

    List<String> unexpectedSamples() {
        return unexpected;
    }

    /** Bundles still unacknowledged when the load stopped. */
    long abandoned() {
        return abandoned.sum();
    }

    private void post(int client, LabBundleGenerator generator) {
        int base = client % fhirBases.size();
        String lab = labs.get(client % labs.size());
        long slot = System.nanoTime();
        for (int index = 0; !stopping; index++) {
            PreparedBundle bundle = generator.next("B", index, options.bundleSize);
            long pace = paceNanos;
            if (pace > 0) {
                slot = Math.max(slot + pace, System.nanoTime() - pace);
                LockSupport.parkNanos(slot - System.nanoTime());
            }
            long firstPost = System.nanoTime();
            while (true) {
                if (stopping && System.nanoTime() - giveUpAt > 0) {
                    abandoned.increment();
                    return;
                }
                List<Window> windows = windows();
                base = inRotation(base);
                String token;
                try {
                    token = AccessTokens.at(fhirBases.get(base)).lis(lab);
                } catch (IllegalStateException e) {
                    if (!(e.getCause() instanceof IOException)) {
                        throw e;
                    }
                    // the token had expired and its server is away: as a connection refused
                    windows.forEach(w -> w.refusedConnections.increment());
                    base = (base + 1) % fhirBases.size();
                    pause(CONNECTION_RETRY);
                    continue;
                }
                HttpRequest request = HttpRequest.newBuilder(fhirBases.get(base))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", FHIR_JSON)
                        .header("Accept", FHIR_JSON)
                        .header("Authorization", token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bundle.json()))
                        .build();
                long sent = System.nanoTime();
                HttpResponse<String> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (ConnectException e) {
                    windows.forEach(w -> w.refusedConnections.increment());
                    base = (base + 1) % fhirBases.size();
                    pause(CONNECTION_RETRY);
                    continue;
                } catch (IOException e) {
                    windows.forEach(w -> w.connectionErrors.increment());
                    base = (base + 1) % fhirBases.size(); // the next server, as a load balancer would
                    pause(CONNECTION_RETRY);
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long answered = System.nanoTime();
                int status = response.statusCode();
                long micros = Math.max(1, (answered - sent) / 1000);
                for (Window w : windows) {
                    w.requests.recordValue(micros);
                    w.statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                }
                if (status / 100 == 2) {
                    ledger.acknowledge(bundle.resultIds(), answered);
                    long toAck = Math.max(1, (answered - firstPost) / 1000);
                    windows().forEach(w -> w.acknowledgements.recordValue(toAck));
                    response.headers().firstValue("X-HuRen-Event-Position").ifPresent(p -> {
                        long position = Long.parseLong(p.trim());
                        maxPosition.accumulateAndGet(position, Math::max);
                        positions.add(new long[] {answered, position});
                    });
                    break;
                }
                if (status != 503) {
                    unexpectedCount.increment();
                    if (unexpected.size() < 10) {
                        unexpected.add(fhirBases.get(base) + " answered HTTP " + status + ": "
                                + abbreviate(response.body()));
                    }
                    if (status / 100 != 5) {
                        break; // refused: posting it again would be refused again
                    }
                }
                pause(retryAfter(response));
            }
        }
    }

    /** {@code base}, or the next server in the rotation when it is drained (all drained: {@code base}). */
    private int inRotation(int base) {
        for (int i = 0; i < fhirBases.size(); i++) {
            int candidate = (base + i) % fhirBases.size();
            if (!drained.contains(candidate)) {
                return candidate;
            }
        }
        return base;
    }

    private List<Window> windows() {
        List<Window> windows = new ArrayList<>(open);
        windows.add(run);
        return windows;
    }

    private Duration retryAfter(HttpResponse<?> response) {
        long seconds = response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                return 1L;
            }
        }).orElse(1L);
        Duration asked = Duration.ofSeconds(seconds);
        if (asked.compareTo(SHORTEST_RETRY) < 0) {
            return SHORTEST_RETRY;
        }
        return asked.compareTo(options.retryCap) < 0 ? asked : options.retryCap;
    }

    private static void pause(Duration pause) {
        LockSupport.parkNanos(pause.toNanos());
    }

    private static String abbreviate(String body) {
        return body.length() <= 400 ? body : body.substring(0, 400) + "…";
    }
}
