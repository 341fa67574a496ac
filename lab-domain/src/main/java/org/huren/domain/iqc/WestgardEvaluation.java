package org.huren.domain.iqc;

import org.huren.domain.iqc.ControlSequence.Point;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Westgard multirule evaluation of an IQC run (室内质控 Westgard 多规则判断, DOMAIN.md §4), as a pure function:
 * no clock, no I/O; the same inputs give the same evaluation.
 * <p>
 * How the rules read DOMAIN.md's table (see also {@link WestgardRule}):
 * <ul>
 * <li>z = (value − mean) / SD per level first; limits are strict (|z| &gt; k), decimal and exact.</li>
 * <li>The sequence of values is: runs by time (the previous runs, then the current run), within a run the order
 * of {@link ControlRun#results()}. A level's series is its values in that order, skipping runs without it.</li>
 * <li>A rule needs its whole window: with too few points (too few earlier runs, too few levels in the run) it is
 * not violated.</li>
 * <li>Only the current run can be faulted: a window fires only when it involves the current run (for the
 * single-value rules, a value of the current run; for 2of3-2s, one of the two values beyond 2 SD is the current
 * one). A violation made only of older values was reported with those runs and is not reported again.</li>
 * <li>Across levels within one run there is no order: 2-2s within a run is any two levels of the run beyond the
 * same 2 SD limit.</li>
 * <li>Status: REJECTED if any reject rule fired, WARNING if only 1-2s, else ACCEPTED. Rules not in the
 * {@link RuleSet} are not evaluated.</li>
 * </ul>
 */
public final class WestgardEvaluation {

    private static final Comparator<Point> SEQUENCE_ORDER = Comparator.comparingInt(Point::runIndex)
            .thenComparingInt(Point::levelIndex);
    private static final int[] SIDES = {1, -1};

    private WestgardEvaluation() {
    }

    /**
     * Evaluates {@code current} under {@code rules}.
     *
     * @param current                 the run to judge
     * @param previousRunsOldestFirst earlier runs of the same lab × item × lot, oldest first, none after
     *                                {@code current}; may be empty
     * @param targets                 the target of every level in these runs, by level
     * @param rules                   the configured rules
     * @throws IllegalArgumentException when a level has no target, runs are out of time order, or a run id repeats
     */
    public static RunEvaluation evaluate(ControlRun current, List<ControlRun> previousRunsOldestFirst,
                                         Map<String, ControlTarget> targets, RuleSet rules) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previousRunsOldestFirst, "previousRunsOldestFirst");
        Objects.requireNonNull(rules, "rules");
        List<ControlRun> all = new ArrayList<>(previousRunsOldestFirst);
        all.add(current);
        ControlSequence sequence = ControlSequence.of(all, targets);

        List<RuleViolation> violations = new ArrayList<>();
        for (WestgardRule rule : rules.rules()) {
            Set<Point> points = pointsOf(rule, sequence);
            if (!points.isEmpty()) {
                violations.add(new RuleViolation(rule,
                        points.stream().sorted(SEQUENCE_ORDER).map(Point::ref).toList()));
            }
        }
        return new RunEvaluation(current.runId(), RunEvaluation.statusOf(violations), violations);
    }

    /** The values of every window of {@code rule} that fired and involves the current run; empty when it holds. */
    private static Set<Point> pointsOf(WestgardRule rule, ControlSequence sequence) {
        List<List<Point>> runs = sequence.runs();
        List<Point> current = runs.get(runs.size() - 1);
        Set<Point> fired = new LinkedHashSet<>();
        switch (rule) {
            case R_1_2S -> current.stream().filter(p -> p.z().isBeyond(2)).forEach(fired::add);
            case R_1_3S -> current.stream().filter(p -> p.z().isBeyond(3)).forEach(fired::add);
            case R_2_2S -> {
                sameLimitWithinRun(current, 2, 2, fired);
                levelSeriesAllBeyond(runs, current, 2, 2, fired);
            }
            case R_R_4S -> {
                List<Point> high = current.stream().filter(p -> p.z().isAbove(2)).toList();
                List<Point> low = current.stream().filter(p -> p.z().isBelow(2)).toList();
                if (!high.isEmpty() && !low.isEmpty()) {
                    fired.addAll(high);
                    fired.addAll(low);
                }
            }
            case R_2OF3_2S -> {
                if (current.size() >= 3) {
                    sameLimitWithinRun(current, 2, 2, fired);
                }
                for (Point point : current) {
                    List<Point> window = levelSeries(runs, point, 3);
                    if (window.size() < 3) {
                        continue;
                    }
                    for (int side : SIDES) {
                        List<Point> beyond = window.stream().filter(p -> p.z().isBeyond(2, side)).toList();
                        if (beyond.size() >= 2 && point.z().isBeyond(2, side)) {
                            fired.addAll(beyond);
                        }
                    }
                }
            }
            case R_3_1S -> {
                sameLimitWithinRun(current, 1, 3, fired);
                levelSeriesAllBeyond(runs, current, 1, 3, fired);
            }
            case R_4_1S -> {
                levelSeriesAllBeyond(runs, current, 1, 4, fired);
                twoLevelsTimesTwoRuns(runs, current, fired);
            }
            case R_6_X -> sameSideOfMean(sequence.flat(), current.size(), 6, fired);
            case R_8_X -> sameSideOfMean(sequence.flat(), current.size(), 8, fired);
            case R_10_X -> sameSideOfMean(sequence.flat(), current.size(), 10, fired);
            case R_12_X -> sameSideOfMean(sequence.flat(), current.size(), 12, fired);
        }
        return fired;
    }

    /** At least {@code count} levels of the current run beyond the same {@code k} SD limit. */
    private static void sameLimitWithinRun(List<Point> current, int k, int count, Set<Point> fired) {
        for (int side : SIDES) {
            List<Point> beyond = current.stream().filter(p -> p.z().isBeyond(k, side)).toList();
            if (beyond.size() >= count) {
                fired.addAll(beyond);
            }
        }
    }

    /** For each level of the current run: its last {@code n} values all beyond the same {@code k} SD limit. */
    private static void levelSeriesAllBeyond(List<List<Point>> runs, List<Point> current, int k, int n,
                                             Set<Point> fired) {
        for (Point point : current) {
            List<Point> window = levelSeries(runs, point, n);
            if (window.size() == n && allBeyond(window, k)) {
                fired.addAll(window);
            }
        }
    }

    /**
     * The last {@code n} values of {@code point}'s level, ending with {@code point} (a value of the last run), oldest
     * first; fewer when the level has fewer values.
     */
    private static List<Point> levelSeries(List<List<Point>> runs, Point point, int n) {
        List<Point> series = new ArrayList<>();
        series.add(point);
        for (int r = runs.size() - 2; r >= 0 && series.size() < n; r--) {
            runs.get(r).stream().filter(p -> p.level().equals(point.level())).findFirst()
                    .ifPresent(p -> series.add(0, p));
        }
        return series;
    }

    /** 4-1s as two levels × two runs: the current run and the run immediately before it. */
    private static void twoLevelsTimesTwoRuns(List<List<Point>> runs, List<Point> current, Set<Point> fired) {
        if (runs.size() < 2) {
            return;
        }
        List<Point> previous = runs.get(runs.size() - 2);
        for (int i = 0; i < current.size(); i++) {
            for (int j = i + 1; j < current.size(); j++) {
                Point a = current.get(i);
                Point b = current.get(j);
                Point previousA = sameLevel(previous, a);
                Point previousB = sameLevel(previous, b);
                if (previousA != null && previousB != null) {
                    List<Point> block = List.of(previousA, previousB, a, b);
                    if (allBeyond(block, 1)) {
                        fired.addAll(block);
                    }
                }
            }
        }
    }

    private static Point sameLevel(List<Point> run, Point point) {
        return run.stream().filter(p -> p.level().equals(point.level())).findFirst().orElse(null);
    }

    private static boolean allBeyond(List<Point> window, int k) {
        for (int side : SIDES) {
            if (window.stream().allMatch(p -> p.z().isBeyond(k, side))) {
                return true;
            }
        }
        return false;
    }

    /**
     * n-x: {@code n} consecutive values of the whole sequence on the same side of the mean, in a window that
     * contains at least one value of the current run (the last {@code currentSize} values). z = 0 is on neither
     * side and breaks the streak.
     */
    private static void sameSideOfMean(List<Point> flat, int currentSize, int n, Set<Point> fired) {
        for (int end = flat.size() - currentSize; end < flat.size(); end++) {
            int start = end - n + 1;
            if (start < 0) {
                continue;
            }
            List<Point> window = flat.subList(start, end + 1);
            int side = window.get(0).z().side();
            if (side != 0 && window.stream().allMatch(p -> p.z().side() == side)) {
                fired.addAll(window);
            }
        }
    }
}
