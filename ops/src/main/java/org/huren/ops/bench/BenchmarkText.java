package org.huren.ops.bench;

import java.util.Locale;

/** Output helpers of the benchmarks and the fault suite: one aligned "label: value" line per figure. */
public final class BenchmarkText {

    private BenchmarkText() {
    }

    public static void line(String label, String value) {
        System.out.printf(Locale.ROOT, "%-52s %s%n", label + ":", value);
    }

    public static void heading(String title) {
        System.out.printf(Locale.ROOT, "%n---- %s%n", title);
    }

    /** Microseconds as milliseconds with three decimals (the histograms' precision). */
    public static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f ms", micros / 1000.0);
    }

    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    public static String rate(double count, long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos <= 0 ? 0 : count / (nanos / 1e9));
    }

    /** A number without a needless ".0". */
    public static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
