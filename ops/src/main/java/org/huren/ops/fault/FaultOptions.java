package org.huren.ops.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.huren.ops.bench.CommandLine;

/**
 * The fault suite's command line: scenario names first ({@code kill-server}, {@code db-restart}, {@code two-nodes},
 * {@code rolling-restart}, {@code hostile}, or {@code all}), then options as the benchmarks take them ({@code --name value},
 * {@code --name=value}, or system property {@code -Dfaults.name=value}; an argument wins over a property, which
 * wins over the default). The defaults are the full suite; the fast profile (CI) sets fewer faults and shorter phases.
 */
public final class FaultOptions {

    /** Every scenario, in the order {@code all} runs them. */
    public static final List<String> SCENARIOS = List.of("kill-server", "db-restart", "two-nodes", "rolling-restart",
            "hostile");
    /** Benchmarks the suite runs only when named ({@code all} leaves them out). */
    public static final List<String> BENCHMARKS = List.of("scale");
    /** The ways the database is taken away, in the order given. */
    public static final List<String> DB_FAULTS = List.of("fast", "immediate", "stop");

    private static final String PREFIX = "faults.";
    private static final Map<String, String[]> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("jar", new String[] {"api/target/huren.jar", "the HuRen server under test (./mvnw package builds it)"});
        OPTIONS.put("work-dir", new String[] {"target/fault-suite", "PostgreSQL data (replaced each run), server and database logs"});
        OPTIONS.put("clients", new String[] {"4", "concurrent LIS clients posting transaction Bundles"});
        OPTIONS.put("bundle-size", new String[] {"10", "results per Bundle"});
        OPTIONS.put("phase-seconds", new String[] {"15", "load before, between and after the faults"});
        OPTIONS.put("kills", new String[] {"3", "kill -9 of the server in kill-server"});
        OPTIONS.put("db-faults", new String[] {"fast,immediate,stop", "db-restart's faults: fast / immediate restart, stop"});
        OPTIONS.put("db-stop-seconds", new String[] {"30", "how long the database stays stopped (db-fault stop)"});
        OPTIONS.put("node-settings", new String[] {"0,1", "HUREN_NODE_MAX_SEGMENTS of the two-nodes runs"});
        OPTIONS.put("server-jvm-args", new String[] {"-Xmx1g", "JVM options of every server process (space-separated)"});
        OPTIONS.put("start-timeout", new String[] {"240", "seconds a server may take to answer /actuator/health"});
        OPTIONS.put("catch-up-timeout", new String[] {"180", "seconds the read models may take after the load"});
        OPTIONS.put("retry-cap-ms", new String[] {"500", "longest pause before a retry (Retry-After is honoured up to it)"});
        OPTIONS.put("scale-nodes", new String[] {"1,2", "server counts the scale benchmark compares"});
        OPTIONS.put("scale-labs", new String[] {"HR-CORE,HR-SEC1,HR-CHC1", "demo labs the scale benchmark's clients post as"});
        OPTIONS.put("seed", new String[] {"42", "seed of the generated data"});
        OPTIONS.put("run-id", new String[] {"", "prefix of every identifier; empty = from the clock"});
    }

    final List<String> scenarios;
    final Path jar;
    final Path workDir;
    final int clients;
    final int bundleSize;
    final Duration phase;
    final int kills;
    final List<String> dbFaults;
    final Duration dbStop;
    final List<Integer> nodeSettings;
    final List<String> serverJvmArgs;
    final Duration startTimeout;
    final Duration catchUpTimeout;
    final Duration retryCap;
    final List<Integer> scaleNodes;
    final List<String> scaleLabs;
    final long seed;
    final String runId;

    private FaultOptions(List<String> scenarios, Map<String, String> v) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String s : scenarios.isEmpty() ? List.of("all") : scenarios) {
            String name = s.trim().toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                chosen.addAll(SCENARIOS);
            } else if (SCENARIOS.contains(name) || BENCHMARKS.contains(name)) {
                chosen.add(name);
            } else {
                throw new IllegalArgumentException("unknown scenario " + s + "; one of " + SCENARIOS + ", "
                        + BENCHMARKS + " or all");
            }
        }
        this.scenarios = java.util.stream.Stream.concat(SCENARIOS.stream(), BENCHMARKS.stream())
                .filter(chosen::contains).toList();
        this.jar = Path.of(v.get("jar").trim()).toAbsolutePath().normalize();
        this.workDir = Path.of(v.get("work-dir").trim()).toAbsolutePath().normalize();
        this.clients = CommandLine.positive(v, "clients", false);
        this.bundleSize = CommandLine.positive(v, "bundle-size", false);
        this.phase = Duration.ofSeconds(CommandLine.positive(v, "phase-seconds", false));
        this.kills = CommandLine.positive(v, "kills", false);
        this.dbFaults = list(v, "db-faults");
        for (String fault : dbFaults) {
            if (!DB_FAULTS.contains(fault)) {
                throw new IllegalArgumentException("--db-faults takes " + DB_FAULTS + ": " + fault);
            }
        }
        this.dbStop = Duration.ofSeconds(CommandLine.positive(v, "db-stop-seconds", false));
        List<Integer> settings = new ArrayList<>();
        for (String s : list(v, "node-settings")) {
            try {
                settings.add(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--node-settings takes integers >= 0: " + s);
            }
        }
        if (settings.stream().anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("--node-settings takes integers >= 0: " + settings);
        }
        this.nodeSettings = List.copyOf(settings);
        this.serverJvmArgs = Arrays.stream(v.get("server-jvm-args").trim().split("\\s+")).filter(a -> !a.isEmpty())
                .toList();
        this.startTimeout = Duration.ofSeconds(CommandLine.positive(v, "start-timeout", false));
        this.catchUpTimeout = Duration.ofSeconds(CommandLine.positive(v, "catch-up-timeout", false));
        this.retryCap = Duration.ofMillis(CommandLine.positive(v, "retry-cap-ms", false));
        this.scaleNodes = list(v, "scale-nodes").stream().map(n -> {
            try {
                return Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--scale-nodes takes 1 or 2: " + n);
            }
        }).toList();
        if (scaleNodes.stream().anyMatch(n -> n < 1 || n > 2)) {
            throw new IllegalArgumentException("--scale-nodes takes 1 or 2: " + scaleNodes);
        }
        this.scaleLabs = list(v, "scale-labs").stream().map(l -> l.toUpperCase(Locale.ROOT)).toList();
        this.seed = Long.parseLong(v.get("seed").trim());
        String id = v.get("run-id").trim();
        this.runId = id.isEmpty() ? "f" + Long.toString(System.currentTimeMillis(), 36) : id;
        if (!runId.matches("[a-z0-9]{1,20}")) {
            throw new IllegalArgumentException("--run-id must be 1-20 characters of [a-z0-9] (it names databases): "
                    + runId);
        }
    }

    /** Scenario names come first; everything from the first {@code --option} on is an option. */
    public static FaultOptions parse(String... args) {
        int first = 0;
        while (first < args.length && !args[first].startsWith("-")) {
            first++;
        }
        List<String> scenarios = new ArrayList<>();
        for (int i = 0; i < first; i++) {
            scenarios.addAll(Arrays.stream(args[i].split("[,\\s]+")).filter(s -> !s.isEmpty()).toList());
        }
        return new FaultOptions(scenarios, CommandLine.parse(PREFIX, OPTIONS, Set.of(),
                Arrays.copyOfRange(args, first, args.length)));
    }

    static String usage() {
        return "usage: FaultSuite [kill-server|db-restart|two-nodes|rolling-restart|hostile|all|scale]... "
                + "[--option value]...\n"
                + CommandLine.usage(PREFIX, "FaultSuite", OPTIONS).lines().skip(1)
                .reduce("", (a, b) -> a + b + "\n");
    }

    private static List<String> list(Map<String, String> v, String name) {
        List<String> items = Arrays.stream(v.get(name).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
        if (items.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " needs at least one value");
        }
        return items;
    }
}
