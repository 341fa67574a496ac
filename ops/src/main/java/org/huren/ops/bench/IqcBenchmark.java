package org.huren.ops.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.HdrHistogram.Histogram;
import org.huren.domain.iqc.ControlResult;
import org.huren.domain.iqc.ControlRun;
import org.huren.domain.iqc.ControlTarget;
import org.huren.domain.iqc.RuleSet;
import org.huren.domain.iqc.RunEvaluation;
import org.huren.domain.iqc.WestgardEvaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * IQC benchmark: (1) the Westgard rule engine in-process — evaluations per second of a two-level run against the
 * default rule set and its 24 previous runs, all decimal; (2) with {@code --http true}, control runs per second
 * end to end through {@code POST /api/iqc/{lab}/{item}/runs} (recorded, evaluated, committed durably) from
 * several clients, each its own lab × item series, with the request latency.
 * The options are read by picocli ({@code --help} lists them).
 */
@Command(name = "IqcBenchmark", mixinStandardHelpOptions = true,
        description = "Westgard rule engine in-process, and optionally control runs over HTTP")
public final class IqcBenchmark implements Callable<Integer> {

    private static final int HISTORY = 24;

    @Option(names = "--evaluations", defaultValue = "200000",
            description = "evaluations measured (default: ${DEFAULT-VALUE})")
    int evaluations;
    @Option(names = "--warmup", defaultValue = "50000",
            description = "evaluations before measuring (default: ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--http", defaultValue = "false", arity = "0..1", fallbackValue = "true",
            description = "also post control runs to a running server (default: ${DEFAULT-VALUE})")
    boolean http;
    @Option(names = "--base", defaultValue = "http://localhost:8080",
            description = "the server (default: ${DEFAULT-VALUE})")
    String base;
    @Option(names = "--runs", defaultValue = "500",
            description = "runs per client (default: ${DEFAULT-VALUE})")
    int runs;
    @Option(names = "--clients", defaultValue = "4",
            description = "clients, each its own series (default: ${DEFAULT-VALUE})")
    int clients;

    public static void main(String[] args) {
        int exit = new picocli.CommandLine(new IqcBenchmark()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws Exception {
        engine(warmup, evaluations);
        if (http) {
            http(base, clients, runs);
        }
        return 0;
    }

    static void engine(int warmup, int evaluations) {
        Map<String, ControlTarget> targets = Map.of(
                "L1", new ControlTarget("L1", new BigDecimal("4.00"), new BigDecimal("0.10")),
                "L2", new ControlTarget("L2", new BigDecimal("6.00"), new BigDecimal("0.20")));
        SplittableRandom random = new SplittableRandom(42);
        List<ControlRun> runs = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            runs.add(new ControlRun("r" + i, t.plusSeconds(3600L * i), List.of(
                    new ControlResult("L1", value(random, 4.00, 0.10)), new ControlResult("L2", value(random, 6.00,
                            0.20)))));
        }
        int rejected = run(runs, targets, warmup);
        long start = System.nanoTime();
        rejected = run(runs, targets, evaluations);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "rule engine: %d evaluations in %.2f s = %.0f evaluations/s (%d rejected; "
                        + "2 levels, rules %s, %d previous runs each)%n", evaluations, seconds, evaluations / seconds,
                rejected, RuleSet.DEFAULT.describe(), HISTORY);
    }

    private static int run(List<ControlRun> runs, Map<String, ControlTarget> targets, int evaluations) {
        int rejected = 0;
        for (int n = 0; n < evaluations; n++) {
            int i = HISTORY + n % (runs.size() - HISTORY);
            RunEvaluation evaluation = WestgardEvaluation.evaluate(runs.get(i), runs.subList(i - HISTORY, i),
                    targets, RuleSet.DEFAULT);
            if (evaluation.status() == org.huren.domain.iqc.RunStatus.REJECTED) {
                rejected++;
            }
        }
        return rejected;
    }

    private static BigDecimal value(SplittableRandom random, double mean, double sd) {
        double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        return BigDecimal.valueOf(mean + sd * gaussian).setScale(3, RoundingMode.HALF_UP);
    }

    static void http(String base, int clients, int runsPerClient) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int c = 0; c < clients; c++) {
            String series = base + "/api/iqc/QCB-" + run + "-" + c + "/K";
            put(http, series + "/levels/L1/lots/A", "{\"mean\":4.00,\"sd\":0.10}");
            put(http, series + "/levels/L2/lots/B", "{\"mean\":6.00,\"sd\":0.20}");
        }
        Histogram latency = new Histogram(3_600_000_000L, 3);
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            new Thread(() -> {
                SplittableRandom random = new SplittableRandom(client);
                String url = base + "/api/iqc/QCB-" + run + "-" + client + "/K/runs";
                Instant t = Instant.parse("2026-01-01T00:00:00Z");
                for (int i = 0; i < runsPerClient; i++) {
                    String body = String.format(Locale.ROOT, "{\"runId\":\"r%d\",\"runAt\":\"%s\",\"results\":["
                                    + "{\"level\":\"L1\",\"value\":%s},{\"level\":\"L2\",\"value\":%s}]}", i,
                            t.plusSeconds(3600L * i), value(random, 4.00, 0.10), value(random, 6.00, 0.20));
                    long begin = System.nanoTime();
                    try {
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/json")
                                .header("Authorization", AccessTokens.at(base).qc())
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    synchronized (latency) {
                        latency.recordValue((System.nanoTime() - begin) / 1000);
                    }
                }
                done.countDown();
            }, "iqc-client-" + c).start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        int total = clients * runsPerClient;
        System.out.printf(Locale.ROOT, "HTTP: %d control runs from %d clients in %.2f s = %.0f runs/s; latency p50 "
                        + "%.2f ms, p99 %.2f ms, max %.2f ms; %d failed%n", total, clients, seconds, total / seconds,
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0, failures.get());
    }

    private static void put(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", AccessTokens.at(URI.create(url)).qc())
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }
}
