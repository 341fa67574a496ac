package org.huren.domain.iqc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Descriptive statistics for establishing control targets (建立靶值和标准差): mean (均值), sample standard deviation
 * (标准差, n − 1) and coefficient of variation (变异系数, CV %). Decimal throughout, rounded to
 * {@link MathContext#DECIMAL64} (16 significant digits) only at the division and the square root.
 * <p>
 * DOMAIN.md §4: a target is established from ≥20 results on ≥20 separate runs/days; fewer are refused.
 */
public final class Statistics {

    /** The fewest results (on as many separate runs) a target may be established from. */
    public static final int MIN_RESULTS_FOR_TARGET = 20;

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Mean and sample SD of {@code n} values. */
    public record MeanAndSd(BigDecimal mean, BigDecimal sd, int n) {

        /** CV % = SD / |mean| × 100. */
        public BigDecimal cvPercent() {
            return Statistics.cvPercent(mean, sd);
        }
    }

    private Statistics() {
    }

    /**
     * Mean and sample SD (n − 1 denominator) of at least {@value #MIN_RESULTS_FOR_TARGET} values.
     *
     * @throws IllegalArgumentException with fewer than {@value #MIN_RESULTS_FOR_TARGET} values
     */
    public static MeanAndSd meanAndSd(List<BigDecimal> values) {
        Objects.requireNonNull(values, "values");
        values.forEach(v -> Objects.requireNonNull(v, "value"));
        if (values.size() < MIN_RESULTS_FOR_TARGET) {
            throw new IllegalArgumentException("a control target needs at least " + MIN_RESULTS_FOR_TARGET
                    + " results on " + MIN_RESULTS_FOR_TARGET + " separate runs; got "
                    + values.size());
        }
        return describe(values);
    }

    /**
     * Mean and sample SD (n − 1 denominator) of at least 2 values, as {@link #meanAndSd} computes them but without
     * its minimum for targets (e.g. the CV of a month's control values, {@link ControlCv}).
     *
     * @throws IllegalArgumentException with fewer than 2 values
     */
    public static MeanAndSd describe(List<BigDecimal> values) {
        Objects.requireNonNull(values, "values");
        values.forEach(v -> Objects.requireNonNull(v, "value"));
        if (values.size() < 2) {
            throw new IllegalArgumentException("a sample SD needs at least 2 values; got " + values.size());
        }
        int n = values.size();
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal mean = sum.divide(BigDecimal.valueOf(n), MC);
        // Σ(x − mean)² with the DECIMAL64 mean: subtraction and squares are exact.
        BigDecimal squares = values.stream().map(v -> v.subtract(mean).pow(2)).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        BigDecimal variance = squares.divide(BigDecimal.valueOf(n - 1L), MC);
        return new MeanAndSd(mean, variance.sqrt(MC), n);
    }

    /**
     * CV % = SD / |mean| × 100, to 16 significant digits.
     *
     * @throws IllegalArgumentException when the mean is 0 or the SD negative
     */
    public static BigDecimal cvPercent(BigDecimal mean, BigDecimal sd) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(sd, "sd");
        if (mean.signum() == 0) {
            throw new IllegalArgumentException("the CV of a zero mean is undefined");
        }
        if (sd.signum() < 0) {
            throw new IllegalArgumentException("an SD cannot be negative, was " + sd);
        }
        return sd.multiply(HUNDRED).divide(mean.abs(), MC);
    }

    /**
     * The target of {@code level} from its value in each of {@code runs} (runs without the level are skipped):
     * mean and sample SD of at least {@value #MIN_RESULTS_FOR_TARGET} values from as many distinct runs. "Separate
     * runs/days" is read as separate runs (distinct run ids); whether they fall on separate days is the caller's
     * procedure.
     *
     * @throws IllegalArgumentException with fewer than {@value #MIN_RESULTS_FOR_TARGET} runs having the level, a
     *                                  repeated run id, or an SD of 0 (all values equal)
     */
    public static ControlTarget establishTarget(String level, List<ControlRun> runs) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(runs, "runs");
        Set<String> runIds = new HashSet<>();
        List<BigDecimal> values = new ArrayList<>();
        for (ControlRun run : runs) {
            if (!runIds.add(run.runId())) {
                throw new IllegalArgumentException("run " + run.runId() + " appears more than once");
            }
            run.results().stream().filter(r -> r.level().equals(level)).findFirst()
                    .ifPresent(r -> values.add(r.value()));
        }
        MeanAndSd stats = meanAndSd(values);
        return new ControlTarget(level, stats.mean(), stats.sd());
    }
}
