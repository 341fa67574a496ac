package org.huren.domain.iqc;

import org.huren.domain.alliance.AllianceTime;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * The imprecision (不精密度) of one control level and lot: the CV % of its control values, as recognition judges it
 * (DOMAIN.md §4) and as QC managers review it (the monthly and sigma views) — one definition for both.
 * <ul>
 *   <li>per level <em>and lot</em>: each lot has its own mean, so values of two lots are never pooled;</li>
 *   <li>the values of rejected runs are left out (a rejected run was out of control: its values say what went
 *       wrong, not how precise the method is); values of runs not evaluated yet (their lot has no targets) count;</li>
 *   <li>judged only from {@value #MIN_VALUES} values on: early in a month the CV is not known ({@code null}), and
 *       neither is it for a zero mean;</li>
 *   <li>CV % = sample SD ÷ |mean| × 100 ({@link Statistics#describe}, decimal64), reported to 2 decimals, HALF_UP —
 *       the figure compared with the catalog's maximum CV.</li>
 * </ul>
 * The CV of every value, rejected runs' included ({@link Figures#cvAllRunsPercent()}), is reported beside it for
 * the review, labelled as such; nothing judges by it. Months are China Standard Time ({@link #monthOf}).
 */
public final class ControlCv {

    /** Control values a level and lot needs before its CV is judged. */
    public static final int MIN_VALUES = 10;

    /** The scale of a reported CV %. */
    public static final int CV_SCALE = 2;

    /**
     * One control value and the status of its run's evaluation.
     *
     * @param status null while the run is not evaluated (its lot has no targets yet)
     */
    public record Value(BigDecimal value, RunStatus status) {

        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The figures of one level and lot.
     *
     * @param n                values judged (rejected runs left out)
     * @param mean             their mean, null without any
     * @param sd               their sample SD, null with fewer than 2
     * @param cvPercent        their CV %, 2 decimals; null with fewer than {@value #MIN_VALUES} values or a 0 mean
     * @param nAllRuns         every value
     * @param cvAllRunsPercent the CV % of every value, 2 decimals; null with fewer than 2 values or a 0 mean
     */
    public record Figures(int n, BigDecimal mean, BigDecimal sd, BigDecimal cvPercent, int nAllRuns,
                          BigDecimal cvAllRunsPercent) {
    }

    private ControlCv() {
    }

    /** The figures of one level and lot's values. */
    public static Figures of(List<Value> values) {
        Objects.requireNonNull(values, "values");
        List<BigDecimal> all = values.stream().map(Value::value).toList();
        List<BigDecimal> judged = values.stream().filter(v -> v.status() != RunStatus.REJECTED).map(Value::value)
                .toList();
        Statistics.MeanAndSd stats = judged.size() < 2 ? null : Statistics.describe(judged);
        BigDecimal mean = judged.isEmpty() ? null : stats == null ? judged.get(0) : stats.mean();
        BigDecimal cv = judged.size() < MIN_VALUES ? null : cv(stats);
        return new Figures(judged.size(), mean, stats == null ? null : stats.sd(), cv, all.size(),
                all.size() < 2 ? null : cv(Statistics.describe(all)));
    }

    /** The month (yyyy-MM, China Standard Time) a run at {@code at} counts in. */
    public static String monthOf(Instant at) {
        return AllianceTime.dateOf(at).toString().substring(0, 7);
    }

    /** The first instant {@link #monthOf} counts in {@code month}. */
    public static Instant startOf(String month) {
        return AllianceTime.startOf(YearMonth.parse(month).atDay(1));
    }

    /** The first instant after {@code month}: {@link #monthOf} counts {@code [startOf, endOf)} in it. */
    public static Instant endOf(String month) {
        return AllianceTime.startOf(YearMonth.parse(month).plusMonths(1).atDay(1));
    }

    private static BigDecimal cv(Statistics.MeanAndSd stats) {
        return stats.mean().signum() == 0 ? null : stats.cvPercent().setScale(CV_SCALE, RoundingMode.HALF_UP);
    }
}
