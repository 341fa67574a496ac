package org.huren.ops.bench;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line options of {@link IngestBenchmark}.
 *
 * <p>Every option can be given as {@code --name value}, {@code --name=value} or as a system property
 * {@code -Dbench.name=value}; a command-line argument wins over a system property, which wins over the
 * default.
 */
final class BenchmarkOptions {

    /** option name to {default value, description}; insertion order is the order of {@code --help}. */
    private static final Map<String, String[]> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("base", new String[] {"http://localhost:8080/fhir", "FHIR base URL; the server root is this without /fhir"});
        OPTIONS.put("observations", new String[] {"20000", "Observations posted in the measured phase"});
        OPTIONS.put("bundle-size", new String[] {"20", "Observations per transaction Bundle"});
        OPTIONS.put("clients", new String[] {"4", "concurrent posting threads"});
        OPTIONS.put("lab", new String[] {"HR-CORE", "the lab whose LIS client (lis-<lab>, client credentials) posts"});
        OPTIONS.put("patients", new String[] {"200", "size of the patient pool (per run)"});
        OPTIONS.put("warmup", new String[] {"20000", "Observations posted first and not measured, to warm the server's JIT (0 = none)"});
        OPTIONS.put("seed", new String[] {"42", "random seed of the generated data"});
        OPTIONS.put("run-id", new String[] {"", "prefix of all generated identifiers; empty = derived from the clock"});
        OPTIONS.put("catch-up-timeout", new String[] {"120", "seconds to wait for the read model after the last write"});
    }

    final URI base;
    final URI serverRoot;
    final int observations;
    final int bundleSize;
    final int clients;
    final String lab;
    final int patients;
    final int warmup;
    final long seed;
    final String runId;
    final int catchUpTimeoutSeconds;

    private BenchmarkOptions(Map<String, String> v) {
        String b = v.get("base").trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        this.base = URI.create(b);
        String root = b.endsWith("/fhir") ? b.substring(0, b.length() - "/fhir".length()) : b;
        this.serverRoot = URI.create(root);
        this.observations = positive(v, "observations", false);
        this.bundleSize = positive(v, "bundle-size", false);
        this.clients = positive(v, "clients", false);
        this.lab = v.get("lab");
        this.patients = positive(v, "patients", false);
        this.warmup = positive(v, "warmup", true);
        this.seed = Long.parseLong(v.get("seed").trim());
        String id = v.get("run-id").trim();
        this.runId = id.isEmpty() ? "r" + Long.toString(System.currentTimeMillis(), 36) : id;
        this.catchUpTimeoutSeconds = positive(v, "catch-up-timeout", false);
        if (!runId.matches("[A-Za-z0-9.\\-]{1,40}")) {
            throw new IllegalArgumentException("--run-id must be 1-40 characters of [A-Za-z0-9.-]: " + runId);
        }
    }

    static BenchmarkOptions parse(String[] args) {
        return new BenchmarkOptions(CommandLine.parse(OPTIONS, java.util.Set.of(), args));
    }

    static String usage() {
        return CommandLine.usage("IngestBenchmark", OPTIONS);
    }

    private static int positive(Map<String, String> v, String name, boolean zeroAllowed) {
        return CommandLine.positive(v, name, zeroAllowed);
    }
}
