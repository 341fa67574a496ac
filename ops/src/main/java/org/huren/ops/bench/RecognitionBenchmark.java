package org.huren.ops.bench;

import static org.huren.ops.bench.BenchmarkText.heading;
import static org.huren.ops.bench.BenchmarkText.line;
import static org.huren.ops.bench.BenchmarkText.ms;
import static org.huren.ops.bench.BenchmarkText.rate;
import static org.huren.ops.bench.BenchmarkText.seconds;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;
import org.huren.ops.bench.PersonBundleGenerator.LabBundle;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/**
 * Recognition (互认) benchmark against a running HuRen server: how long the {@code recognition} event processor
 * needs to decide N lab results, and how fast the clinician's {@code GET Observation/$reusable} answers on a
 * store of (by default) a million results with four concurrent clients — the target is p99 ≤ 5 ms.
 *
 * <ol>
 *   <li><b>Set-up</b> over {@code /api}: alliance {@code bench-<run>} with result labs {@code BA-, BB-, BC-<run>}
 *   and the clinician's hospital {@code BD-<run>} (all SECONDARY), the default catalog, a policy under which
 *   not-yet-known EQA/IQC/audit evidence does not block, the national ID system trusted, and the three result
 *   labs accredited (on-site assessment, today in Asia/Shanghai) for the catalog items of the seven generated
 *   analytes. See {@link AllianceSetup}.</li>
 *   <li><b>Load</b>: {@code --results} results in transaction Bundles of {@code --bundle-size}, posted to the FHIR
 *   base from {@code --clients} threads as the LIS client of each lab (round-robin over the three labs), built
 *   lazily by {@link PersonBundleGenerator} over a pool of {@code --persons} persons. Measured: results/s and the
 *   per-Bundle round trip (p50/p99/max). Nothing is generated ahead: building a Bundle is part of the posting
 *   thread's loop and of the wall time (its total is reported), not of the Bundle latency. Progress, with the
 *   recognition processor's lag, goes to stderr every 10 s.</li>
 *   <li><b>Recognition catch-up</b>: from the load's first post and from its last response until the
 *   {@code recognition} processor's position (from {@code /api/projections/status}, polled every
 *   {@value ProjectionMonitor#POLL_MILLIS} ms) reaches the highest {@code X-HuRen-Event-Position} the writes
 *   answered; results/s sustained = N / (first post → caught up). Then until every processor is there
 *   ({@link ReadModelWatcher}, the server-side await), and until the store has settled: every processor at the
 *   head, which no longer moves (a processor may cause events after the last write, as the patient linker did
 *   before it moved into the write's transaction, ADR 0008). With {@code --replay true}, additionally
 *   {@code POST /api/projections/recognition/replay} and the time until the processor is back at the head it
 *   replays to: N / that time (and store events / that time: the replay re-decides every result of the store,
 *   earlier runs' too).</li>
 *   <li><b>Queries</b>: {@code --query-warmup} unmeasured then {@code --queries} measured {@code $reusable} calls
 *   from {@code --query-clients} threads, see {@link ReusableQueries}; p50/p90/p99/p99.9/max (HdrHistogram, µs),
 *   calls/s, how many answered reusable, and whether p99 ≤ {@code --target-p99-ms}.</li>
 * </ol>
 *
 * <p>{@code --skip-load true} with the {@code --run-id} (and {@code --persons}) of an earlier run skips set-up and
 * load and re-measures the queries (and a replay) against the store that run filled.
 *
 * <p>Run {@code --help} for the options. Exit codes, as {@link IngestBenchmark}: 0 ok, 1 a request failed or
 * answered unexpectedly (also: no {@code $reusable} answer at all was "reusable"), 2 bad arguments, 3 read model
 * not caught up in time / no event positions returned. Missing the p99 target is reported, not an exit code.
 */
public final class RecognitionBenchmark {

    static final String PROCESSOR = "recognition";
    static final String MAIN_CLASS = RecognitionBenchmark.class.getName();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final RecognitionOptions options;
    private final HttpClient http;
    private final ProjectionMonitor monitor;
    private final ReadModelWatcher watcher;
    /** The figures of the final summary, in order. */
    private final Map<String, String> summary = new LinkedHashMap<>();

    private RecognitionBenchmark(RecognitionOptions options) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.monitor = new ProjectionMonitor(http, options.serverRoot);
        this.watcher = new ReadModelWatcher(http, options.serverRoot);
    }

    public static void main(String[] args) {
        CommandLine.main(args, RecognitionOptions::parse, RecognitionOptions::usage, options -> new RecognitionBenchmark(options)::run);
    }

    /**
     * The store only: the set-up and the load of {@code options} (or, with {@code --skip-load}, the check that an
     * earlier run's store exists), until the read models have caught up — for another benchmark that queries it
     * ({@link SearchBenchmark}). Answers the exit code.
     */
    static int fill(RecognitionOptions options) throws InterruptedException {
        RecognitionBenchmark benchmark = new RecognitionBenchmark(options);
        AllianceSetup setup = new AllianceSetup(benchmark.http, options.serverRoot);
        int exit = options.skipLoad ? benchmark.reuseStore(setup) : benchmark.setUpAndLoad(setup);
        benchmark.summary.forEach(BenchmarkText::line);
        return exit;
    }

    private int run() throws InterruptedException {
        RecognitionOptions o = options;
        line("run id", o.runId + " (seed " + o.seed + ")");
        line("server", o.base + "  (api " + o.serverRoot + "/api)");
        line("alliance", o.allianceId() + ": result labs " + String.join(", ", o.resultLabs())
                + "; clinician's hospital " + o.clinicianLab());

        // the recognition processor must exist, or there is nothing to time
        try {
            ProjectionMonitor.Status status = monitor.fetch();
            if (status.processor(PROCESSOR).isEmpty()) {
                System.err.println("error: the server has no event processor named " + PROCESSOR + "; status: " + status);
                return 3;
            }
            line("projections before", status.toString());
        } catch (IOException e) {
            return fail("cannot read the projection status: " + e);
        }

        AllianceSetup setup = new AllianceSetup(http, o.serverRoot);
        int exit;
        if (o.skipLoad) {
            exit = reuseStore(setup);
        } else {
            exit = setUpAndLoad(setup);
        }
        if (exit != 0) {
            return exit;
        }
        if (o.replay) {
            exit = replay();
            if (exit != 0) {
                return exit;
            }
        }
        exit = query();
        printSummary();
        return exit;
    }

    // ------------------------------------------------------------------------------------------ set-up and load

    private int setUpAndLoad(AllianceSetup setup) throws InterruptedException {
        RecognitionOptions o = options;
        heading("set-up over /api");
        List<String> loincs = LabBundleGenerator.ANALYTES.stream().map(LabBundleGenerator.Analyte::loinc).toList();
        LocalDate today = LocalDate.now(SHANGHAI);
        long setupStart = System.nanoTime();
        AllianceSetup.Result s;
        try {
            s = setup.run(o.allianceId(), o.resultLabs(), o.clinicianLab(), loincs, today);
        } catch (AllianceSetup.SetupException e) {
            return fail("set-up: " + e.getMessage());
        }
        line("set-up", seconds(System.nanoTime() - setupStart) + " (alliance, 4 members, catalog, policy "
                + "notYetKnownBlocks=false, national ID trusted, 3 accreditations on " + today + ")");
        line("accredited items", s.itemByLoinc().toString());
        if (!s.missingLoincs().isEmpty()) {
            line("WARNING not in the catalog", s.missingLoincs() + ": their results are not recognized");
        }
        OffsetDateTime notBefore = s.lastEnrolment().atOffset(ZoneOffset.ofHours(8));
        line("last enrolment", notBefore + " (no result is effective before it)");

        heading("load");
        PersonBundleGenerator generator = new PersonBundleGenerator(o.seed, o.runId, o.resultLabs(), o.persons,
                o.results, o.bundleSize, notBefore);
        Load load = load(generator);
        if (load.failure != null) {
            return fail(load.failure);
        }
        long loadNanos = load.lastResponseNanos - load.startNanos;
        Histogram h = load.latencyMicros;
        line("results", String.format(Locale.ROOT, "%d in %d bundles of <= %d, %d clients, %d persons x 3 labs",
                o.results, generator.bundleCount(), o.bundleSize, o.clients, o.persons));
        line("load wall time", seconds(loadNanos));
        line("load throughput", rate(o.results, loadNanos) + " results/s (" + rate(generator.bundleCount(), loadNanos)
                + " bundles/s)");
        line("bundle latency p50", ms(h.getValueAtPercentile(50)));
        line("bundle latency p99", ms(h.getValueAtPercentile(99)));
        line("bundle latency max", ms(h.getMaxValue()));
        line("client time building bundles", seconds(load.buildNanos) + String.format(Locale.ROOT,
                " in all clients (%.1f %% of their wall time; part of the load wall time, not of the latency)",
                100.0 * load.buildNanos / Math.max(1, loadNanos * Math.min(o.clients, generator.bundleCount()))));
        line("max recognition lag seen during the load", load.maxRecognitionLag < 0 ? "not sampled"
                : load.maxRecognitionLag + " events");
        summary.put("load", String.format(Locale.ROOT, "%d results, %s results/s, bundle p50 %s, p99 %s",
                o.results, rate(o.results, loadNanos), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99))));
        if (load.missingPosition > 0) {
            System.err.printf(Locale.ROOT, "error: %d of %d responses had no parseable %s header%n",
                    load.missingPosition, generator.bundleCount(), IngestBenchmark.POSITION_HEADER);
            if (load.maxPosition < 0) {
                System.err.println("error: cannot wait for the read models without event positions");
                return 3;
            }
        }
        line("max event position", Long.toString(load.maxPosition));

        heading("recognition projection");
        Duration timeout = Duration.ofSeconds(o.catchUpTimeoutSeconds);
        ProjectionMonitor.Reached recognized;
        ReadModelWatcher.CatchUp all;
        try {
            recognized = monitor.awaitProcessor(PROCESSOR, load.maxPosition, timeout);
            all = watcher.awaitPosition(load.maxPosition, IngestBenchmark.POLL_EVERY, timeout);
        } catch (ReadModelWatcher.NotCaughtUpException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        }
        long afterLastWrite = Math.max(0, recognized.observedAtNanos() - load.lastResponseNanos);
        long fromStart = recognized.observedAtNanos() - load.startNanos;
        line("recognition caught up after the last write", seconds(afterLastWrite) + " (polled every "
                + ProjectionMonitor.POLL_MILLIS + " ms, " + recognized.polls() + " polls)");
        line("recognition caught up after the first post", seconds(fromStart));
        line("results/s the recognition processor sustained", rate(o.results, fromStart) + " (N / first post to caught up)");
        line("all processors caught up after the last write",
                seconds(Math.max(0, all.observedAtNanos() - load.lastResponseNanos)) + " (" + all.status() + ")");
        summary.put("recognition caught up", String.format(Locale.ROOT,
                "%s after the last write, %s after the first post: %s results/s",
                seconds(afterLastWrite), seconds(fromStart), rate(o.results, fromStart)));
        try {
            ReadModelWatcher.CatchUp settled = settle(timeout);
            line("store settled (head reached, no new events)", seconds(Math.max(0,
                    settled.observedAtNanos() - load.lastResponseNanos)) + " after the last write ("
                    + settled.status() + ")");
        } catch (ReadModelWatcher.NotCaughtUpException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        } catch (IOException e) {
            return fail("cannot read the projection status: " + e);
        }
        return load.missingPosition > 0 ? 3 : 0;
    }

    /**
     * Waits until every processor has reached the store's head and the head has not moved meanwhile: a
     * processor may cause events after the last write (a deadline, a saga), and the queries should meet a quiet
     * server.
     */
    private ReadModelWatcher.CatchUp settle(Duration timeout)
            throws ReadModelWatcher.NotCaughtUpException, InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long head = monitor.fetch().headPosition();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(1_000_000_000L, deadline - System.nanoTime()));
            ReadModelWatcher.CatchUp c = watcher.awaitPosition(head, IngestBenchmark.POLL_EVERY, left);
            if (c.status().headPosition() <= head) {
                return c;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new ReadModelWatcher.NotCaughtUpException("the store did not settle within "
                        + timeout.toSeconds() + " s; last status: " + c.status());
            }
            head = c.status().headPosition();
        }
    }

    /** Outcome of the load phase. */
    private static final class Load {
        long startNanos;
        long lastResponseNanos;
        long maxPosition = -1;
        int missingPosition;
        long maxRecognitionLag = -1;
        long buildNanos;
        Histogram latencyMicros;
        String failure;
    }

    private Load load(PersonBundleGenerator generator) throws InterruptedException {
        RecognitionOptions o = options;
        FhirContext fhir = FhirContext.forR4(); // thread-safe; its parsers are not: one per client
        int bundles = generator.bundleCount();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong maxPosition = new AtomicLong(-1);
        AtomicLong lastResponse = new AtomicLong(Long.MIN_VALUE);
        AtomicLong posted = new AtomicLong();
        AtomicInteger missingPosition = new AtomicInteger();
        AtomicLong maxLag = new AtomicLong(-1);
        AtomicLong buildNanos = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        int clients = Math.min(o.clients, bundles);
        List<Thread> threads = new ArrayList<>(clients);
        List<Histogram> histograms = new ArrayList<>(clients);

        for (int t = 0; t < clients; t++) {
            Histogram histogram = new Histogram(3); // auto-resizing, microseconds
            histograms.add(histogram);
            IParser parser = fhir.newJsonParser().setPrettyPrint(false);
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    int index;
                    while (failure.get() == null && (index = next.getAndIncrement()) < bundles) {
                        long b0 = System.nanoTime();
                        LabBundle b = generator.build(index, parser);
                        buildNanos.addAndGet(System.nanoTime() - b0);
                        HttpRequest request = HttpRequest.newBuilder(o.base)
                                .timeout(Duration.ofMinutes(2))
                                .header("Content-Type", IngestBenchmark.FHIR_JSON)
                                .header("Accept", IngestBenchmark.FHIR_JSON)
                                .header("Authorization", AccessTokens.at(o.base).lis(b.lab()))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(b.json()))
                                .build();
                        long t0 = System.nanoTime();
                        HttpResponse<String> response;
                        try {
                            response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        } catch (IOException e) {
                            failure.compareAndSet(null, "bundle " + index + " (" + b.lab() + "): POST " + o.base
                                    + " failed: " + e);
                            break;
                        }
                        long t1 = System.nanoTime();
                        if (response.statusCode() != 200) {
                            failure.compareAndSet(null, "bundle " + index + " (" + b.lab() + "): HTTP "
                                    + response.statusCode() + "\n" + response.body());
                            break;
                        }
                        histogram.recordValue(Math.max(1, (t1 - t0) / 1000));
                        lastResponse.accumulateAndGet(t1, Math::max);
                        posted.addAndGet(b.results());
                        long position = IngestBenchmark.parsePosition(
                                response.headers().firstValue(IngestBenchmark.POSITION_HEADER).orElse(""));
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

        Load load = new Load();
        load.startNanos = System.nanoTime();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-progress");
            thread.setDaemon(true);
            return thread;
        });
        progress.scheduleWithFixedDelay(() -> reportProgress(load.startNanos, posted.get(), o.results, maxLag),
                PROGRESS_EVERY.toMillis(), PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        go.countDown();
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } finally {
            progress.shutdownNow();
        }
        load.lastResponseNanos = lastResponse.get() == Long.MIN_VALUE ? System.nanoTime() : lastResponse.get();
        load.maxPosition = maxPosition.get();
        load.missingPosition = missingPosition.get();
        load.maxRecognitionLag = maxLag.get();
        load.buildNanos = buildNanos.get();
        load.failure = failure.get();
        Histogram all = new Histogram(3);
        histograms.forEach(all::add);
        load.latencyMicros = all;
        return load;
    }

    /** A progress line on stderr (stdout carries the figures), with the recognition processor's lag. */
    private void reportProgress(long startNanos, long posted, int total, AtomicLong maxLag) {
        long elapsed = System.nanoTime() - startNanos;
        String lag;
        try {
            ProjectionMonitor.Processor p = monitor.fetch().processor(PROCESSOR).orElse(null);
            lag = p == null ? "?" : Long.toString(p.lagEvents());
            if (p != null) {
                maxLag.accumulateAndGet(p.lagEvents(), Math::max);
            }
        } catch (IOException | RuntimeException e) {
            lag = "? (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        System.err.printf(Locale.ROOT, "  [%6.0f s] %d/%d results (%.1f %%), %s results/s, recognition lag %s events%n",
                elapsed / 1e9, posted, total, 100.0 * posted / total, rate(posted, elapsed), lag);
    }

    /** {@code --skip-load}: the alliance must exist, and the read models must have caught up with the store. */
    private int reuseStore(AllianceSetup setup) throws InterruptedException {
        RecognitionOptions o = options;
        heading("existing store (--skip-load)");
        try {
            if (!setup.exists(o.allianceId())) {
                return fail("no alliance " + o.allianceId() + ": --skip-load needs the --run-id of a run whose load "
                        + "completed");
            }
        } catch (AllianceSetup.SetupException e) {
            return fail(e.getMessage());
        }
        try {
            ReadModelWatcher.CatchUp c = settle(Duration.ofSeconds(o.catchUpTimeoutSeconds));
            line("read models at the head", c.status().toString());
        } catch (IOException e) {
            return fail("cannot read the projection status: " + e);
        } catch (ReadModelWatcher.NotCaughtUpException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        }
        summary.put("load", "skipped: store of run " + o.runId + " (" + o.persons + " persons, " + o.results
                + " results as given)");
        return 0;
    }

    // ------------------------------------------------------------------------------------------ replay

    private int replay() throws InterruptedException {
        heading("recognition replay");
        long start = System.nanoTime();
        long head;
        try {
            head = monitor.replay(PROCESSOR);
        } catch (IOException e) {
            return fail("replay: " + e.getMessage());
        }
        line("replaying to", "event position " + head + " (answered after " + seconds(System.nanoTime() - start) + ")");
        ProjectionMonitor.Reached done;
        try {
            done = monitor.awaitProcessor(PROCESSOR, head, Duration.ofSeconds(options.catchUpTimeoutSeconds));
        } catch (ReadModelWatcher.NotCaughtUpException e) {
            System.err.println("error (replay): " + e.getMessage());
            return 3;
        }
        long nanos = done.observedAtNanos() - start;
        ProjectionMonitor.Processor p = done.status().processor(PROCESSOR).orElseThrow();
        line("replay time", seconds(nanos) + " (" + done.polls() + " polls; replaying flag now " + p.replaying() + ")");
        line("replay throughput", rate(options.results, nanos) + " results/s (N of this run; the replay also re-decides "
                + "earlier runs' results), " + rate(head, nanos) + " store events/s");
        summary.put("recognition replay", String.format(Locale.ROOT, "%s to position %d: %s results/s, %s events/s",
                seconds(nanos), head, rate(options.results, nanos), rate(head, nanos)));
        return 0;
    }

    // ------------------------------------------------------------------------------------------ queries

    private int query() throws InterruptedException {
        RecognitionOptions o = options;
        heading("$reusable queries");
        ReusableQueries queries = new ReusableQueries(http, o.base, o.allianceId(), o.runId, o.persons);
        line("example", queries.request(0, LabBundleGenerator.ANALYTES.get(0).loinc()).uri().toString());
        if (o.queryWarmup > 0) {
            ReusableQueries.Outcome w = queries.run(o.queryWarmup, o.queryClients, o.seed * 1_000_003L + 7919);
            if (w.failure() != null) {
                return fail("warm-up query: " + w.failure());
            }
            line("warm-up (not measured)", String.format(Locale.ROOT, "%d calls in %s, %s calls/s, p99 %s",
                    o.queryWarmup, seconds(w.wallNanos()), rate(o.queryWarmup, w.wallNanos()),
                    ms(w.latencyMicros().getValueAtPercentile(99))));
        }
        ReusableQueries.Outcome m = queries.run(o.queries, o.queryClients, o.seed);
        if (m.failure() != null) {
            return fail("query: " + m.failure());
        }
        Histogram h = m.latencyMicros();
        long p99 = h.getValueAtPercentile(99);
        boolean met = p99 <= Math.round(o.targetP99Millis * 1000);
        line("calls", String.format(Locale.ROOT, "%d from %d clients in %s: %s calls/s", o.queries, o.queryClients,
                seconds(m.wallNanos()), rate(o.queries, m.wallNanos())));
        line("answered reusable true / false", m.reusable() + " / " + m.notReusable() + String.format(Locale.ROOT,
                " (%.1f %% true)", 100.0 * m.reusable() / Math.max(1, m.reusable() + m.notReusable())));
        line("$reusable p50", ms(h.getValueAtPercentile(50)));
        line("$reusable p90", ms(h.getValueAtPercentile(90)));
        line("$reusable p99", ms(p99));
        line("$reusable p99.9", ms(h.getValueAtPercentile(99.9)));
        line("$reusable max", ms(h.getMaxValue()));
        String verdict = (met ? "MET" : "MISSED") + ": p99 " + ms(p99) + (met ? " <= " : " > ")
                + BenchmarkText.number(o.targetP99Millis) + " ms";
        line("target", verdict);
        summary.put("$reusable", String.format(Locale.ROOT,
                "%d calls, %d clients, %s calls/s; p50 %s, p90 %s, p99 %s, p99.9 %s, max %s", o.queries,
                o.queryClients, rate(o.queries, m.wallNanos()), ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(90)), ms(p99), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue())));
        summary.put("reusable true / false", m.reusable() + " / " + m.notReusable());
        summary.put("p99 target", verdict);
        if (m.reusable() == 0) {
            summary.put("ERROR", "no $reusable answer was true: nothing recognized (set-up, accreditation or "
                    + "--persons/--run-id of the load?)");
            System.err.println("error: no $reusable answer was true; the p99 above measured only the no-result path");
            return 1;
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------ output

    private void printSummary() {
        RecognitionOptions o = options;
        System.out.printf(Locale.ROOT, "%n==== recognition benchmark summary (run %s, %s) ====%n", o.runId,
                o.skipLoad ? "existing store" : o.results + " results loaded");
        summary.forEach(BenchmarkText::line);
        String mvn = "./mvnw -q -o -pl ops compile exec:java -Dexec.mainClass=" + MAIN_CLASS;
        System.out.println();
        if (!o.skipLoad) {
            System.out.println("reproduce (a new run id: a new alliance and " + o.results + " more results):");
            System.out.println("  " + mvn + " -Dexec.args=\"" + o.commandLine(false) + "\"");
        }
        System.out.println("re-measure this store (same run id, no set-up, no load):");
        System.out.println("  " + mvn + " -Dexec.args=\"" + o.commandLine(true) + "\"");
    }

    private static int fail(String failure) {
        System.err.println("FAILED: " + failure);
        return 1;
    }
}
