package org.huren.ops.bench;

import static org.huren.ops.bench.BenchmarkText.heading;
import static org.huren.ops.bench.BenchmarkText.line;
import static org.huren.ops.bench.BenchmarkText.rate;
import static org.huren.ops.bench.BenchmarkText.seconds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/**
 * How fast the {@code recognition} event processor rebuilds its read model from the event store (issue 15: ≥ 25,000
 * events/s), against a running HuRen server.
 *
 * <ol>
 *   <li><b>Store</b> (unless {@code --skip-load}): the set-up of {@link RecognitionBenchmark} ({@link AllianceSetup}:
 *   alliance, three accredited result labs, a fourth member, the default catalog, national ID trusted), a control
 *   lot per lab and item, then {@code --results} results ({@link PersonBundleGenerator}, Bundles of
 *   {@code --bundle-size} from {@code --clients} threads) in {@code --phases} phases with QC evidence between them
 *   ({@link ReplayEvidence}: IQC runs, EQA rounds, an audit finding verified and reopened, a suspension, an
 *   accreditation withdrawal), so the store holds re-decisions as well as first decisions. Then until every
 *   processor is at the head.</li>
 *   <li><b>Replays</b>, {@code --replays} times: the alliance's recognition rates by lab and by item
 *   ({@code GET …/recognition-rates}), {@code POST /api/projections/recognition/replay}, the time until the
 *   processor is back at the head it replays to and the server's heap ({@code jvm.memory.used}, area heap), both
 *   read every 500 ms, and the rates again — they must be the same. Reported: store events/s (the head position, the whole store, every run's events) and the
 *   alliance's results/s.</li>
 * </ol>
 *
 * <p>Exit codes as the other benchmarks: 0 ok, 1 a request failed or a replay changed the rates, 2 bad arguments, 3
 * not caught up in time.
 */
public final class ReplayBenchmark {

    static final String PROCESSOR = "recognition";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** How often the status and the heap are read during a replay. */
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(500);

    private final ReplayOptions options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ProjectionMonitor monitor;
    private final ReadModelWatcher watcher;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> summary = new LinkedHashMap<>();

    private ReplayBenchmark(ReplayOptions options) {
        this.options = options;
        this.monitor = new ProjectionMonitor(http, options.serverRoot);
        this.watcher = new ReadModelWatcher(http, options.serverRoot);
    }

    public static void main(String[] args) {
        CommandLine.main(args, ReplayOptions::parse, ReplayOptions::usage, o -> new ReplayBenchmark(o)::run);
    }

    private int run() throws InterruptedException {
        ReplayOptions o = options;
        line("run id", o.runId + " (seed " + o.seed + ")");
        line("server", o.serverRoot.toString());
        AllianceSetup setup = new AllianceSetup(http, o.serverRoot);
        try {
            if (!o.skipLoad) {
                int exit = load(setup);
                if (exit != 0) {
                    return exit;
                }
            } else if (!setup.exists(o.allianceId())) {
                return fail("no alliance " + o.allianceId() + ": --skip-load needs the --run-id of a loaded run");
            }
            ReadModelWatcher.CatchUp settled = settle();
            line("store", "head at event position " + settled.status().headPosition() + ", every processor there");
            for (int i = 1; i <= o.replays; i++) {
                int exit = replay(i, setup);
                if (exit != 0) {
                    return exit;
                }
            }
        } catch (AllianceSetup.SetupException e) {
            return fail(e.getMessage());
        } catch (ReadModelWatcher.NotCaughtUpException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        } catch (IOException e) {
            return fail(e.toString());
        }
        System.out.printf(Locale.ROOT, "%n==== replay benchmark summary (run %s) ====%n", o.runId);
        summary.forEach(BenchmarkText::line);
        String mvn = "./mvnw -q -o -pl ops compile exec:java -Dexec.mainClass=" + ReplayBenchmark.class.getName();
        System.out.println();
        System.out.println("replay this store again:");
        System.out.println("  " + mvn + " -Dexec.args=\"" + o.commandLine(true) + "\"");
        return 0;
    }

    // ------------------------------------------------------------------------------------------ store

    private int load(AllianceSetup setup) throws AllianceSetup.SetupException, InterruptedException {
        ReplayOptions o = options;
        heading("set-up over /api");
        List<String> loincs = LabBundleGenerator.ANALYTES.stream().map(LabBundleGenerator.Analyte::loinc).toList();
        AllianceSetup.Result s = setup.run(o.allianceId(), o.resultLabs(), o.clinicianLab(), loincs,
                LocalDate.now(SHANGHAI));
        List<String> items = s.itemByLoinc().values().stream().distinct().sorted().toList();
        ReplayEvidence evidence = new ReplayEvidence(setup, o.allianceId(), o.resultLabs(), items, o.runId);
        evidence.registerControlLots();
        line("alliance", o.allianceId() + ": labs " + o.resultLabs() + ", items " + items + ", control lots registered");

        heading("load");
        PersonBundleGenerator generator = new PersonBundleGenerator(o.seed, o.runId, o.resultLabs(), o.persons,
                o.results, o.bundleSize, s.lastEnrolment().atOffset(ZoneOffset.ofHours(8)));
        int bundles = generator.bundleCount();
        long start = System.nanoTime();
        for (int phase = 0; phase < o.phases; phase++) {
            String failure = post(generator, bundles * phase / o.phases, bundles * (phase + 1) / o.phases);
            if (failure != null) {
                return fail(failure);
            }
            String done = evidence.afterPhase(phase);
            System.err.printf(Locale.ROOT, "  phase %d/%d posted (%s results/s so far); %s%n", phase + 1, o.phases,
                    rate((long) o.results * (phase + 1) / o.phases, System.nanoTime() - start), done);
        }
        line("load", String.format(Locale.ROOT, "%d results in %d bundles, %d phases, %s (%s results/s)", o.results,
                bundles, o.phases, seconds(System.nanoTime() - start), rate(o.results, System.nanoTime() - start)));
        return 0;
    }

    /** Posts bundles {@code [from, to)} from the client threads; answers the first failure, or null. */
    private String post(PersonBundleGenerator generator, int from, int to) throws InterruptedException {
        FhirContext fhir = FhirContext.forR4Cached();
        AtomicInteger next = new AtomicInteger(from);
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < options.clients; t++) {
            IParser parser = fhir.newJsonParser().setPrettyPrint(false);
            Thread thread = new Thread(() -> {
                int index;
                while (failure.get() == null && (index = next.getAndIncrement()) < to) {
                    PersonBundleGenerator.LabBundle b = generator.build(index, parser);
                    HttpRequest request = HttpRequest.newBuilder(options.base).timeout(Duration.ofMinutes(2))
                            .header("Content-Type", IngestBenchmark.FHIR_JSON)
                            .header("Accept", IngestBenchmark.FHIR_JSON)
                            .header("Authorization", AccessTokens.at(options.base).lis(b.lab()))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(b.json())).build();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            failure.compareAndSet(null, "bundle " + index + ": HTTP " + response.statusCode() + "\n"
                                    + response.body());
                        }
                    } catch (IOException e) {
                        failure.compareAndSet(null, "bundle " + index + ": " + e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failure.compareAndSet(null, "interrupted");
                    }
                }
            }, "bench-client-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return failure.get();
    }

    /** Until every processor is at the head and the head no longer moves. */
    private ReadModelWatcher.CatchUp settle()
            throws ReadModelWatcher.NotCaughtUpException, InterruptedException, IOException {
        Duration timeout = Duration.ofSeconds(options.catchUpTimeoutSeconds);
        long head = monitor.fetch().headPosition();
        while (true) {
            ReadModelWatcher.CatchUp c = watcher.awaitPosition(head, IngestBenchmark.POLL_EVERY, timeout);
            if (c.status().headPosition() <= head) {
                return c;
            }
            head = c.status().headPosition();
        }
    }

    // ------------------------------------------------------------------------------------------ replay

    private int replay(int round, AllianceSetup setup)
            throws InterruptedException, IOException, AllianceSetup.SetupException,
            ReadModelWatcher.NotCaughtUpException {
        heading("replay " + round + "/" + options.replays);
        String alliance = "/api/alliances/" + options.allianceId() + "/recognition-rates?by=";
        JsonNode byLab = setup.get(alliance + "LAB");
        JsonNode byItem = setup.get(alliance + "ITEM");
        long results = 0;
        for (JsonNode rate : byLab) {
            results += rate.path("results").asLong();
        }
        AtomicLong maxHeap = new AtomicLong(-1);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleWithFixedDelay(() -> {
            long heap = heapUsed();
            maxHeap.accumulateAndGet(heap, Math::max);
        }, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        long head;
        long done;
        try {
            head = monitor.replay(PROCESSOR);
            done = awaitReplayed(head);
        } finally {
            sampler.shutdownNow();
        }
        long nanos = done - start;
        long heapAfter = heapUsed();
        line("replayed to", "event position " + head + " in " + seconds(nanos) + " (status polled every "
                + SAMPLE_EVERY.toMillis() + " ms)");
        line("store events/s", rate(head, nanos));
        line("results of " + options.allianceId() + "/s", rate(results, nanos) + " (" + results + " results; the "
                + "replay also re-decides every other alliance's)");
        line("server heap used", "max " + mb(maxHeap.get()) + " during the replay, " + mb(heapAfter) + " after");
        boolean same = setup.get(alliance + "LAB").equals(byLab) && setup.get(alliance + "ITEM").equals(byItem);
        line("recognition rates by lab and item", same ? "the same as before the replay" : "CHANGED");
        summary.put("replay " + round, String.format(Locale.ROOT, "%d events in %s: %s events/s; heap max %s",
                head, seconds(nanos), rate(head, nanos), mb(maxHeap.get())));
        if (!same) {
            summary.put("ERROR", "replay " + round + " changed the recognition rates of " + options.allianceId()
                    + ": before by lab " + byLab + ", after " + setup.get(alliance + "LAB"));
            return 1;
        }
        return 0;
    }

    /**
     * Polls the status until the processor is back at {@code head}; answers when it was seen there. Twice a second: a
     * poll costs the server a request, and a replay takes tens of seconds.
     */
    private long awaitReplayed(long head) throws InterruptedException, ReadModelWatcher.NotCaughtUpException {
        long deadline = System.nanoTime() + Duration.ofSeconds(options.catchUpTimeoutSeconds).toNanos();
        String last = "no answer yet";
        while (System.nanoTime() - deadline < 0) {
            try {
                ProjectionMonitor.Status status = monitor.fetch();
                long now = System.nanoTime();
                ProjectionMonitor.Processor p = status.processor(PROCESSOR).orElse(null);
                if (p != null && p.position() >= head) {
                    return now;
                }
                last = status.toString();
            } catch (IOException e) {
                last = e.toString();
            }
            // a benchmark watching another process: it can only ask again, at the sampling rate (not a test)
            java.util.concurrent.locks.LockSupport.parkNanos(SAMPLE_EVERY.toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException("stopped while waiting for the replay");
            }
        }
        throw new ReadModelWatcher.NotCaughtUpException("the replay did not reach " + head + " within "
                + options.catchUpTimeoutSeconds + " s; last status: " + last);
    }

    /** The server's used heap in bytes ({@code /actuator/metrics/jvm.memory.used?tag=area:heap}); -1 when unknown. */
    private long heapUsed() {
        URI uri = URI.create(options.serverRoot + "/actuator/metrics/jvm.memory.used?tag=area:heap");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Authorization", AccessTokens.at(options.serverRoot.toString()).operator()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return -1;
            }
            for (JsonNode m : json.readTree(response.body()).path("measurements")) {
                if ("VALUE".equals(m.path("statistic").asText())) {
                    return m.path("value").asLong();
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%d MB", bytes / (1024 * 1024));
    }

    private static int fail(String failure) {
        System.err.println("FAILED: " + failure);
        return 1;
    }
}
