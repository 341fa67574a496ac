package org.huren.domain.iqc;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Control runs written as z-scores. Every level L1, L2, L3 has mean 100 and SD 10, so the value of z is
 * 100 + 10 × z, exactly: z "2.0001" is the value 120.001.
 */
final class IqcFixtures {

    static final BigDecimal MEAN = new BigDecimal("100");
    static final BigDecimal SD = new BigDecimal("10");
    static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    static final Map<String, ControlTarget> TARGETS = targets();

    private IqcFixtures() {
    }

    private static Map<String, ControlTarget> targets() {
        Map<String, ControlTarget> targets = new LinkedHashMap<>();
        for (String level : List.of("L1", "L2", "L3")) {
            targets.put(level, new ControlTarget(level, MEAN, SD));
        }
        return Map.copyOf(targets);
    }

    static BigDecimal valueAtZ(String z) {
        return MEAN.add(SD.multiply(new BigDecimal(z.trim())));
    }

    /** Run {@code R<index+1>} on day {@code index}, levels L1, L2, L3 in order, given as z-scores. */
    static ControlRun run(int index, String... zs) {
        List<ControlResult> results = new ArrayList<>();
        for (int i = 0; i < zs.length; i++) {
            results.add(new ControlResult("L" + (i + 1), valueAtZ(zs[i])));
        }
        return new ControlRun("R" + (index + 1), T0.plus(Duration.ofDays(index)), results);
    }

    /** Runs written as "z,z; z,z; …", oldest first, from run index {@code firstIndex}; null or blank is none. */
    static List<ControlRun> runs(String spec, int firstIndex) {
        if (spec == null || spec.isBlank()) {
            return List.of();
        }
        List<ControlRun> runs = new ArrayList<>();
        for (String run : spec.split(";")) {
            runs.add(run(firstIndex + runs.size(), Arrays.stream(run.split(",")).map(String::trim)
                    .toArray(String[]::new)));
        }
        return runs;
    }
}
