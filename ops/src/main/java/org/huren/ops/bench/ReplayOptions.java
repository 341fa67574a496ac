package org.huren.ops.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of {@link ReplayBenchmark}, parsed by {@link CommandLine} like the other benchmarks'
 * ({@code --name value}, {@code --name=value} or {@code -Dbench.name=value}; {@code --skip-load} also as a flag).
 */
final class ReplayOptions {

    /** option name to {default value, description}; insertion order is the order of {@code --help}. */
    private static final Map<String, String[]> OPTIONS = new LinkedHashMap<>();
    private static final Set<String> FLAGS = Set.of("skip-load");

    static {
        OPTIONS.put("base", new String[] {"http://localhost:8080/fhir",
                "FHIR base URL; the server root (for /api) is this without /fhir"});
        OPTIONS.put("run-id", new String[] {"",
                "names the alliance bench-<id>, the labs BA-/BB-/BC-/BD-<id> and every identifier; empty = from the clock"});
        OPTIONS.put("seed", new String[] {"42", "random seed of the generated data"});
        OPTIONS.put("results", new String[] {"200000", "results (Observations) posted in the load phase"});
        OPTIONS.put("bundle-size", new String[] {"100", "results per transaction Bundle"});
        OPTIONS.put("clients", new String[] {"4", "concurrent posting threads in the load phase"});
        OPTIONS.put("persons", new String[] {"20000", "person pool (one national ID, a record at each of the 3 labs)"});
        OPTIONS.put("phases", new String[] {"20",
                "the load is posted in this many phases; after each, IQC runs of every lab and item and, at fixed "
                        + "phases, the other evidence (EQA round, audit finding, suspension, withdrawal)"});
        OPTIONS.put("skip-load", new String[] {"false", "true = no set-up, no load: replay the store as it is"});
        OPTIONS.put("replays", new String[] {"3", "replays of the recognition processor to time"});
        OPTIONS.put("catch-up-timeout", new String[] {"3600",
                "seconds to wait for the read models after the load, and for each replay"});
    }

    final URI base;
    final URI serverRoot;
    final String runId;
    final long seed;
    final int results;
    final int bundleSize;
    final int clients;
    final int persons;
    final int phases;
    final boolean skipLoad;
    final int replays;
    final int catchUpTimeoutSeconds;

    private ReplayOptions(Map<String, String> v) {
        String b = v.get("base").trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        this.base = URI.create(b);
        this.serverRoot = URI.create(b.endsWith("/fhir") ? b.substring(0, b.length() - "/fhir".length()) : b);
        String id = v.get("run-id").trim();
        this.runId = id.isEmpty() ? "p" + Long.toString(System.currentTimeMillis(), 36) : id;
        if (!runId.matches("[A-Za-z0-9.\\-]{1,40}")) {
            throw new IllegalArgumentException("--run-id must be 1-40 characters of [A-Za-z0-9.-]: " + runId);
        }
        try {
            this.seed = Long.parseLong(v.get("seed").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be an integer: " + v.get("seed"));
        }
        this.results = CommandLine.positive(v, "results", false);
        this.bundleSize = CommandLine.positive(v, "bundle-size", false);
        this.clients = CommandLine.positive(v, "clients", false);
        this.persons = CommandLine.positive(v, "persons", false);
        this.phases = CommandLine.positive(v, "phases", false);
        if (phases < ReplayEvidence.LAST_SCHEDULED_PHASE + 1) {
            throw new IllegalArgumentException("--phases must be at least " + (ReplayEvidence.LAST_SCHEDULED_PHASE + 1)
                    + ": the evidence is scheduled up to phase " + ReplayEvidence.LAST_SCHEDULED_PHASE);
        }
        this.skipLoad = CommandLine.bool(v, "skip-load");
        this.replays = CommandLine.positive(v, "replays", false);
        this.catchUpTimeoutSeconds = CommandLine.positive(v, "catch-up-timeout", false);
    }

    String allianceId() {
        return "bench-" + runId;
    }

    /** The three labs that post results, in round-robin order. */
    List<String> resultLabs() {
        return List.of("BA-" + runId, "BB-" + runId, "BC-" + runId);
    }

    /** A member without results (as the recognition benchmark's clinician's hospital). */
    String clinicianLab() {
        return "BD-" + runId;
    }

    /** The options of a new run ({@code sameStore} false) or of a replay of this run's store. */
    String commandLine(boolean sameStore) {
        List<String> parts = new ArrayList<>();
        parts.add("--base " + base);
        if (sameStore) {
            parts.add("--run-id " + runId);
            parts.add("--skip-load true");
        } else {
            parts.add("--seed " + seed);
            parts.add("--results " + results);
            parts.add("--bundle-size " + bundleSize);
            parts.add("--clients " + clients);
            parts.add("--persons " + persons);
            parts.add("--phases " + phases);
        }
        parts.add("--replays " + replays);
        parts.add("--catch-up-timeout " + catchUpTimeoutSeconds);
        return String.join(" ", parts);
    }

    static ReplayOptions parse(String[] args) {
        return new ReplayOptions(CommandLine.parse(OPTIONS, FLAGS, args));
    }

    static String usage() {
        return CommandLine.usage("ReplayBenchmark", OPTIONS);
    }
}
