package org.huren.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.huren.ops.bench.BenchmarkText.heading;
import static org.huren.ops.bench.BenchmarkText.line;

/**
 * The searches clinicians and LIS make, timed on a running server (issue 15), and the console's pages (issue 16).
 * The store is the recognition benchmark's ({@link RecognitionBenchmark#fill}): its alliance, three result labs and
 * {@code --observations} results over a pool of persons, each with a record at every lab (own MRN, the national ID).
 * Then, for every shape, {@code --warmup} unmeasured and {@code --queries} measured requests from
 * {@code --query-clients} threads in a closed loop over keep-alive connections, each for a random person of the
 * pool; printed: p50/p95/p99/max (HdrHistogram, client round trip on the same machine) and requests/s.
 */
@Command(name = "SearchBenchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fills a running HuRen server (or reuses the store of --run-id) and times every FHIR search "
                + "shape, $reusable and the console pages with concurrent clients.")
public final class SearchBenchmark implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter FHIR_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final String PASSWORD = "bench-console-1";

    @Option(names = "--base", defaultValue = "http://127.0.0.1:8080/fhir",
            description = "FHIR base; the console and /api are under its root (localhost is taken as 127.0.0.1, "
                    + "as the console's sign-in needs)")
    String base;

    @Option(names = "--run-id", description = "names the store (alliance bench-<id>); default: from the clock. "
            + "With --observations 0, the id of the run whose store to query")
    String runId;

    @Option(names = "--observations", defaultValue = "100000",
            description = "results to post before the queries (0: post none, query the store of --run-id)")
    int observations;

    @Option(names = "--persons", description = "person pool; default: observations / 10 (at least 1,000). "
            + "With --observations 0, the value the load used")
    Integer persons;

    @Option(names = "--bundle-size", defaultValue = "100", description = "results per transaction Bundle")
    int bundleSize;

    @Option(names = "--clients", defaultValue = "4", description = "posting threads of the load")
    int clients;

    @Option(names = "--query-clients", defaultValue = "4", description = "concurrent clients of each shape")
    int queryClients;

    @Option(names = "--queries", defaultValue = "2000", description = "measured requests per shape")
    int queries;

    @Option(names = "--warmup", defaultValue = "500", description = "unmeasured requests per shape first")
    int warmup;

    @Option(names = "--console-queries", description = "measured requests per console page; default: --queries "
            + "(a page is far slower than a search: fewer keep a run on a large store short)")
    Integer consoleQueries;

    @Option(names = "--console-warmup", description = "unmeasured requests per console page first; default: --warmup")
    Integer consoleWarmup;

    @Option(names = "--shapes", defaultValue = ".*", description = "a regular expression: time only the shapes whose "
            + "name it finds (e.g. 'console' for the pages alone)")
    String shapesToTime;

    @Option(names = "--console", defaultValue = "true", arity = "1", description = "time the console pages too")
    boolean console;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the data and of the queries")
    long seed;

    @Option(names = "--catch-up-timeout", defaultValue = "3600",
            description = "seconds to wait for the read models after the load")
    int catchUpTimeout;

    @Option(names = "--target-p99-ms", defaultValue = "10", description = "the p99 each search should meet")
    double targetP99Ms;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) {
        int exit = new picocli.CommandLine(new SearchBenchmark()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** One request shape: a request for a random person (and analyte) of the pool. */
    private record Shape(String name, HttpClient client, Function<SplittableRandom, HttpRequest> request) {
    }

    @Override
    public Integer call() throws Exception {
        URI fhir = URI.create(base.replace("//localhost", "//127.0.0.1").replaceAll("/+$", ""));
        URI root = URI.create(fhir.getScheme() + "://" + fhir.getRawAuthority());
        String run = runId != null ? runId : "s" + Long.toString(System.currentTimeMillis(), 36);
        int pool = persons != null ? persons : Math.max(1_000, observations / 10);
        List<String> fill = new ArrayList<>(List.of("--base", fhir.toString(), "--run-id", run, "--seed",
                Long.toString(seed), "--persons", Integer.toString(pool), "--bundle-size", Integer.toString(bundleSize),
                "--clients", Integer.toString(clients), "--catch-up-timeout", Integer.toString(catchUpTimeout)));
        if (observations > 0) {
            fill.addAll(List.of("--results", Integer.toString(observations)));
        } else {
            fill.addAll(List.of("--skip-load", "true"));
        }
        RecognitionOptions store = RecognitionOptions.parse(fill.toArray(String[]::new));
        line("run id", run + " (" + (observations > 0 ? observations + " results posted now" : "existing store")
                + ", " + pool + " persons x 3 labs)");
        int exit = RecognitionBenchmark.fill(store);
        if (exit != 0) {
            return exit;
        }

        heading("patients of the queries");
        String lab = store.resultLabs().get(0);
        List<Integer> known = new ArrayList<>();
        List<String> patientIds = new ArrayList<>();
        SplittableRandom pick = new SplittableRandom(seed);
        for (int tries = 0; known.size() < Math.min(200, pool) && tries < 2_000; tries++) {
            int person = pick.nextInt(pool);
            String id = patientId(fhir, PersonBundleGenerator.mrn(lab, person));
            if (id != null && !known.contains(person)) {
                known.add(person);
                patientIds.add(id);
            }
        }
        if (known.isEmpty()) {
            System.err.println("error: no person of the pool has a record at " + lab);
            return 1;
        }
        line("persons with a record at " + lab, Integer.toString(known.size()));

        String qc = AccessTokens.at(root).qc();
        String lis = AccessTokens.at(root).lis(lab);
        String since = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(1).truncatedTo(ChronoUnit.SECONDS)
                .format(FHIR_DATE_TIME);
        String observation = fhir + "/Observation?";
        ReusableQueries reusable = new ReusableQueries(http, fhir, store.allianceId(), run, pool);
        Function<SplittableRandom, String> mrn = r -> "patient.identifier=" + encode(LabBundleGenerator.MRN_SYSTEM
                + "|" + PersonBundleGenerator.mrn(lab, known.get(r.nextInt(known.size()))));
        Function<SplittableRandom, String> nationalId = r -> "patient.identifier=" + encode(
                PersonBundleGenerator.NATIONAL_ID + "|" + PersonBundleGenerator.nationalId(run,
                        known.get(r.nextInt(known.size()))));
        Function<SplittableRandom, String> subject = r -> "subject=Patient/" + patientIds.get(
                r.nextInt(patientIds.size()));
        Function<SplittableRandom, String> code = r -> "&code=" + encode(LabBundleGenerator.LOINC + "|"
                + LabBundleGenerator.ANALYTES.get(r.nextInt(LabBundleGenerator.ANALYTES.size())).loinc());
        List<Shape> shapes = new ArrayList<>(List.of(
                new Shape("patient.identifier=<MRN>&code", http, r -> get(observation + mrn.apply(r) + code.apply(r),
                        qc)),
                new Shape("patient.identifier=<national ID>&code", http, r -> get(observation + nationalId.apply(r)
                        + code.apply(r), qc)),
                new Shape("subject=Patient/<id>&code", http, r -> get(observation + subject.apply(r) + code.apply(r),
                        qc)),
                new Shape("patient=Patient/<id>", http, r -> get(observation + "patient=Patient/"
                        + patientIds.get(r.nextInt(patientIds.size())), qc)),
                new Shape("patient.identifier=<national ID>&date=ge<1 day ago>", http, r -> get(observation
                        + nationalId.apply(r) + "&date=ge" + encode(since), qc)),
                new Shape("patient.identifier=<national ID>&_tag=recognized", http, r -> get(observation
                        + nationalId.apply(r) + "&_tag=recognized", qc)),
                new Shape("patient.identifier=<national ID>&_sort=-date", http, r -> get(observation
                        + nationalId.apply(r) + "&_sort=-date", qc)),
                new Shape("patient.identifier=<national ID>&_count=1&_offset=9 (page 10)", http, r -> get(observation
                        + nationalId.apply(r) + "&_count=1&_offset=9", qc)),
                new Shape("LIS: subject=Patient/<id>&code&_sort=-date", http, r -> get(observation
                        + subject.apply(r) + code.apply(r) + "&_sort=-date", lis)),
                new Shape("LIS: date=ge<1 day ago>&_count=20&_offset=180 (page 10)", http, r -> get(observation
                        + "date=ge" + encode(since) + "&_count=20&_offset=180", lis)),
                new Shape("$reusable", http, r -> reusable.request(known.get(r.nextInt(known.size())),
                        LabBundleGenerator.ANALYTES.get(r.nextInt(LabBundleGenerator.ANALYTES.size())).loinc()))));
        if (console) {
            shapes.addAll(consolePages(root, store, run, known));
        }

        Pattern chosen = Pattern.compile(shapesToTime);
        shapes.removeIf(shape -> !chosen.matcher(shape.name()).find());
        heading("requests (" + queryClients + " clients, " + warmup + " warm-up + " + queries + " measured each)");
        System.out.printf(Locale.ROOT, "%-62s %9s %9s %9s %9s %8s%n", "shape", "p50 ms", "p95 ms", "p99 ms",
                "max ms", "req/s");
        int missed = 0;
        for (Shape shape : shapes) {
            boolean page = shape.name().startsWith("console");
            int measured = page && consoleQueries != null ? consoleQueries : queries;
            Timed w = time(shape, page && consoleWarmup != null ? consoleWarmup : warmup, seed * 31 + 1);
            Timed t = w.failure == null ? time(shape, measured, seed * 31 + 2) : w;
            if (t.failure != null) {
                System.err.println("error: " + shape.name() + ": " + t.failure);
                return 1;
            }
            Histogram h = t.micros;
            double p99 = h.getValueAtPercentile(99) / 1000.0;
            if (!page && p99 > targetP99Ms) {
                missed++;
            }
            System.out.printf(Locale.ROOT, "%-62s %9.2f %9.2f %9.2f %9.2f %8.0f%s%n", shape.name(),
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0, p99,
                    h.getMaxValue() / 1000.0, measured / (t.nanos / 1e9),
                    page ? "" : p99 <= targetP99Ms ? "" : "  (p99 > " + targetP99Ms + " ms)");
        }
        line("searches over the p99 target of " + targetP99Ms + " ms", Integer.toString(missed));
        line("heap used after the queries", metric(root, "jvm.memory.used?tag=area:heap"));
        line("heap live after the last major GC", metric(root, "jvm.gc.live.data.size"));
        line("heap max", metric(root, "jvm.memory.max?tag=area:heap"));
        line("re-measure this store", "./mvnw -q -o -pl ops compile exec:java -Psearch -Dexec.args=\"--base " + fhir
                + " --run-id " + run + " --persons " + pool + " --observations 0\"");
        return 0;
    }

    /** The console pages of the store's alliance: a QC manager's and a clinician's, each signed in once. */
    private List<Shape> consolePages(URI root, RecognitionOptions store, String run, List<Integer> known)
            throws IOException, InterruptedException {
        String alliance = "/console/alliances/" + store.allianceId();
        HttpClient manager = ConsoleSession.signIn(root, "bench-qc-" + run, PASSWORD,
                List.of("QC_MANAGER", "ASSESSOR", "AUDITOR"), null, List.of(store.allianceId()), alliance).client();
        HttpClient clinician = ConsoleSession.signIn(root, "bench-clinician-" + run, PASSWORD, List.of("CLINICIAN"),
                store.clinicianLab(), List.of(store.allianceId()), alliance + "/patients").client();
        List<Shape> pages = new ArrayList<>();
        for (String page : List.of("", "/kpis", "/iqc", "/eqa", "/audits",
                "/labs/" + store.resultLabs().get(0) + "/scorecard")) {
            pages.add(new Shape("console " + (page.isEmpty() ? "overview (recognition matrix)" : page), manager,
                    r -> HttpRequest.newBuilder(root.resolve(alliance + page)).timeout(Duration.ofSeconds(60)).GET()
                            .build()));
        }
        pages.add(new Shape("console /patients?identifier=<national ID>", clinician, r -> HttpRequest.newBuilder(
                root.resolve(alliance + "/patients?identifier=" + encode(PersonBundleGenerator.NATIONAL_ID + "|"
                        + PersonBundleGenerator.nationalId(run, known.get(r.nextInt(known.size())))))).timeout(
                Duration.ofSeconds(60)).GET().build()));
        return pages;
    }

    private record Timed(Histogram micros, long nanos, String failure) {
    }

    /** {@code calls} requests of {@code shape} from {@link #queryClients} threads, each taking the next. */
    private Timed time(Shape shape, int calls, long shapeSeed) throws InterruptedException {
        AtomicInteger remaining = new AtomicInteger(calls);
        AtomicReference<String> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        for (int t = 0; t < Math.max(1, Math.min(queryClients, calls)); t++) {
            Histogram histogram = new Histogram(3);
            histograms.add(histogram);
            SplittableRandom random = new SplittableRandom(shapeSeed * 1_000_003L + t);
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    while (failure.get() == null && remaining.getAndDecrement() > 0) {
                        HttpRequest request = shape.request().apply(random);
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = shape.client().send(request,
                                HttpResponse.BodyHandlers.ofString());
                        long t1 = System.nanoTime();
                        if (response.statusCode() != 200) {
                            failure.compareAndSet(null, request.uri() + ": HTTP " + response.statusCode() + "\n"
                                    + response.body());
                            break;
                        }
                        histogram.recordValue(Math.max(1, (t1 - t0) / 1000));
                    }
                } catch (IOException | RuntimeException e) {
                    failure.compareAndSet(null, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, "interrupted");
                }
            }, "search-client-" + t);
            threads.add(thread);
            thread.start();
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long nanos = System.nanoTime() - start;
        Histogram all = new Histogram(3);
        histograms.forEach(all::add);
        return new Timed(all, nanos, failure.get());
    }

    /** The HuRen id of the record with MRN {@code mrn}, or null when the lab has none. */
    private String patientId(URI fhir, String mrn) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(get(fhir + "/Patient?identifier=" + encode(
                LabBundleGenerator.MRN_SYSTEM + "|" + mrn), AccessTokens.at(fhir).qc()),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Patient?identifier=" + mrn + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
        JsonNode entry = JSON.readTree(response.body()).path("entry");
        return entry.isEmpty() ? null : entry.get(0).path("resource").path("id").asText();
    }

    /**
     * A memory figure of the server in MB as the operator reads it ({@code /actuator/metrics/<name>}): the heap in use
     * ({@code jvm.memory.used}, area heap), what the last major collection left ({@code jvm.gc.live.data.size}), the
     * maximum.
     */
    private String metric(URI root, String nameAndTag) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(root.resolve(
                            "/actuator/metrics/" + nameAndTag))
                    .header("Authorization", AccessTokens.at(root).operator()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            double bytes = JSON.readTree(response.body()).path("measurements").path(0).path("value").asDouble(-1);
            return bytes < 0 ? "unknown (HTTP " + response.statusCode() + ")"
                    : String.format(Locale.ROOT, "%.0f MB", bytes / (1024 * 1024));
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }

    private static HttpRequest get(String url, String authorization) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", IngestBenchmark.FHIR_JSON).header("Authorization", authorization).GET().build();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
