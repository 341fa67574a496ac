package org.huren.ops.fault;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.huren.ops.bench.BenchmarkText;

/** One scenario's figures (printed as they come) and failures; a scenario passes with none. */
public final class ScenarioReport {

    private final String name;
    private final Map<String, String> figures = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    ScenarioReport(String name) {
        this.name = name;
        BenchmarkText.heading(name);
    }

    void figure(String label, String value) {
        figures.put(label, value);
        BenchmarkText.line(label, value);
    }

    void fail(String message) {
        failures.add(message);
        System.out.println("FAILED: " + message);
    }

    /** Fails unless {@code condition}; answers it. */
    boolean check(boolean condition, String failure) {
        if (!condition) {
            fail(failure);
        }
        return condition;
    }

    public String name() {
        return name;
    }

    public Map<String, String> figures() {
        return Collections.unmodifiableMap(figures);
    }

    public List<String> failures() {
        return Collections.unmodifiableList(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
