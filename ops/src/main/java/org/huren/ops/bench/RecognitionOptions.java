package org.huren.ops.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of {@link RecognitionBenchmark}, parsed like {@link BenchmarkOptions}: every option can
 * be given as {@code --name value}, {@code --name=value} or as a system property {@code -Dbench.name=value}; a
 * command-line argument wins over a system property, which wins over the default. The yes/no options
 * ({@code --skip-load}, {@code --replay}) may also stand alone as flags.
 */
final class RecognitionOptions {

    /** option name to {default value, description}; insertion order is the order of {@code --help}. */
    private static final Map<String, String[]> OPTIONS = new LinkedHashMap<>();
    private static final Set<String> FLAGS = Set.of("skip-load", "replay");

    static {
        OPTIONS.put("base", new String[] {"http://localhost:8080/fhir",
                "FHIR base URL; the server root (for /api) is this without /fhir"});
        OPTIONS.put("run-id", new String[] {"",
                "names the alliance bench-<id>, the labs BA-/BB-/BC-/BD-<id> and every identifier; "
                        + "empty = derived from the clock. Give the same id with --skip-load to re-measure a store"});
        OPTIONS.put("seed", new String[] {"42", "random seed of the generated data and of the queries"});
        OPTIONS.put("results", new String[] {"1000000", "results (Observations) posted in the load phase"});
        OPTIONS.put("bundle-size", new String[] {"100", "results per transaction Bundle"});
        OPTIONS.put("clients", new String[] {"4", "concurrent posting threads in the load phase"});
        OPTIONS.put("persons", new String[] {"100000",
                "person pool: each person has one national ID and a record (own MRN) at each of the 3 labs; "
                        + "use the load's value with --skip-load"});
        OPTIONS.put("skip-load", new String[] {"false",
                "true = no setup, no load: query the store an earlier run with the same --run-id filled"});
        OPTIONS.put("replay", new String[] {"false",
                "true = also time a full replay of the recognition processor (POST /api/projections/recognition/replay)"});
        OPTIONS.put("queries", new String[] {"20000", "measured $reusable calls"});
        OPTIONS.put("query-warmup", new String[] {"5000", "$reusable calls made first and not measured (0 = none)"});
        OPTIONS.put("query-clients", new String[] {"4", "concurrent $reusable clients"});
        OPTIONS.put("target-p99-ms", new String[] {"5", "the $reusable p99 target the summary checks, in ms"});
        OPTIONS.put("catch-up-timeout", new String[] {"3600",
                "seconds to wait for the read models after the last write (and for a replay)"});
    }

    final URI base;
    final URI serverRoot;
    final String runId;
    final long seed;
    final int results;
    final int bundleSize;
    final int clients;
    final int persons;
    final boolean skipLoad;
    final boolean replay;
    final int queries;
    final int queryWarmup;
    final int queryClients;
    final double targetP99Millis;
    final int catchUpTimeoutSeconds;

    private RecognitionOptions(Map<String, String> v) {
        String b = v.get("base").trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        this.base = URI.create(b);
        this.serverRoot = URI.create(b.endsWith("/fhir") ? b.substring(0, b.length() - "/fhir".length()) : b);
        String id = v.get("run-id").trim();
        this.runId = id.isEmpty() ? "r" + Long.toString(System.currentTimeMillis(), 36) : id;
        if (!runId.matches("[A-Za-z0-9.\\-]{1,40}")) {
            throw new IllegalArgumentException("--run-id must be 1-40 characters of [A-Za-z0-9.-]: " + runId);
        }
        try {
            this.seed = Long.parseLong(v.get("seed").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be an integer: " + v.get("seed"));
        }
        this.results = positive(v, "results", false);
        this.bundleSize = positive(v, "bundle-size", false);
        this.clients = positive(v, "clients", false);
        this.persons = positive(v, "persons", false);
        this.skipLoad = bool(v, "skip-load");
        this.replay = bool(v, "replay");
        this.queries = positive(v, "queries", false);
        this.queryWarmup = positive(v, "query-warmup", true);
        this.queryClients = positive(v, "query-clients", false);
        try {
            this.targetP99Millis = Double.parseDouble(v.get("target-p99-ms").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--target-p99-ms must be a number: " + v.get("target-p99-ms"));
        }
        if (!(targetP99Millis > 0)) {
            throw new IllegalArgumentException("--target-p99-ms must be > 0: " + targetP99Millis);
        }
        this.catchUpTimeoutSeconds = positive(v, "catch-up-timeout", false);
    }

    /** The alliance this run sets up and queries. */
    String allianceId() {
        return "bench-" + runId;
    }

    /** The three labs that post results, in round-robin order. */
    List<String> resultLabs() {
        return List.of("BA-" + runId, "BB-" + runId, "BC-" + runId);
    }

    /** The clinician's hospital: a member without results. */
    String clinicianLab() {
        return "BD-" + runId;
    }

    /**
     * The options of this run, as {@code -Dexec.args} takes them.
     *
     * @param sameStore true: this run id and {@code --skip-load true} (query the store again); false: no run id
     *                  and no {@code --skip-load} (a new run: new alliance, new data)
     */
    String commandLine(boolean sameStore) {
        List<String> parts = new ArrayList<>();
        parts.add("--base " + base);
        if (sameStore) {
            parts.add("--run-id " + runId);
        }
        parts.add("--seed " + seed);
        parts.add("--results " + results);
        parts.add("--bundle-size " + bundleSize);
        parts.add("--clients " + clients);
        parts.add("--persons " + persons);
        if (sameStore) {
            parts.add("--skip-load true");
        }
        if (replay) {
            parts.add("--replay true");
        }
        parts.add("--queries " + queries);
        parts.add("--query-warmup " + queryWarmup);
        parts.add("--query-clients " + queryClients);
        parts.add("--target-p99-ms " + BenchmarkText.number(targetP99Millis));
        parts.add("--catch-up-timeout " + catchUpTimeoutSeconds);
        return String.join(" ", parts);
    }

    static RecognitionOptions parse(String[] args) {
        return new RecognitionOptions(CommandLine.parse(OPTIONS, FLAGS, args));
    }

    static String usage() {
        return CommandLine.usage("RecognitionBenchmark", OPTIONS);
    }

    private static boolean bool(Map<String, String> v, String name) {
        return CommandLine.bool(v, name);
    }

    private static int positive(Map<String, String> v, String name, boolean zeroAllowed) {
        return CommandLine.positive(v, name, zeroAllowed);
    }
}
