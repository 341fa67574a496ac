package org.huren.ops.bench;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The benchmarks' command line, read by picocli: options as {@code --name value}, {@code --name=value} or system
 * property {@code -Dbench.name=value} (an argument wins over a property, which wins over the default); flags as a bare
 * {@code --name} (= true) or with an explicit true/false; {@code --help}; and the main method every benchmark shares
 * (exit 2 on bad arguments, 1 when interrupted, else the benchmark's own code).
 */
public final class CommandLine {

    private CommandLine() {
    }

    /** A benchmark ready to run; answers its exit code. */
    public interface Runnable {
        int run() throws InterruptedException;
    }

    public static <O> void main(String[] args, Function<String[], O> parse, Supplier<String> usage,
                         Function<O, Runnable> benchmark) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // keep HAPI's start-up quiet
        }
        O options;
        try {
            options = parse.apply(args);
        } catch (HelpRequested e) {
            System.out.print(usage.get());
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(usage.get());
            System.exit(2);
            return;
        }
        int exit;
        try {
            exit = benchmark.apply(options).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("interrupted");
            exit = 1;
        }
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /**
     * The values of every option (name → {default, description}) from the system properties
     * {@code bench.<name>} and {@code args}.
     *
     * @throws HelpRequested            for {@code --help}
     * @throws IllegalArgumentException for an unknown option, a stray argument or a missing value
     */
    static Map<String, String> parse(Map<String, String[]> options, Set<String> flags, String[] args) {
        return parse("bench.", options, flags, args);
    }

    /**
     * As {@link #parse(Map, Set, String[])}, with the system properties named {@code <prefix><name>}. The arguments
     * are read by picocli; blank ones (an empty shell variable) are skipped.
     */
    public static Map<String, String> parse(String prefix, Map<String, String[]> options, Set<String> flags,
                                            String[] args) {
        CommandSpec spec = CommandSpec.create();
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).build());
        Map<String, OptionSpec> specs = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : options.entrySet()) {
            String name = e.getKey();
            OptionSpec.Builder option = OptionSpec.builder("--" + name).type(String.class).paramLabel("<value>")
                    .description(e.getValue()[1])
                    .defaultValue(System.getProperty(prefix + name, e.getValue()[0]));
            if (flags.contains(name)) {
                // a bare flag is true: "--replay" = "--replay true"
                option.arity("0..1").fallbackValue("true");
            }
            specs.put(name, option.build());
            spec.addOption(specs.get(name));
        }
        picocli.CommandLine parser = new picocli.CommandLine(spec).setOptionsCaseInsensitive(true);
        try {
            if (parser.parseArgs(Arrays.stream(args).filter(a -> !a.isBlank()).toArray(String[]::new))
                    .isUsageHelpRequested()) {
                throw new HelpRequested();
            }
        } catch (picocli.CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>();
        specs.forEach((name, option) -> values.put(name, option.getValue()));
        return values;
    }

    static String usage(String program, Map<String, String[]> options) {
        return usage("bench.", program, options);
    }

    public static String usage(String prefix, String program, Map<String, String[]> options) {
        StringBuilder sb = new StringBuilder("usage: " + program + " [--option value]...\n"
                + "(every option also as system property -D" + prefix + "<option>=<value>)\n");
        for (Map.Entry<String, String[]> e : options.entrySet()) {
            sb.append(String.format(Locale.ROOT, "  --%-17s %s (default: %s)%n", e.getKey(), e.getValue()[1],
                    e.getValue()[0].isEmpty() ? "-" : e.getValue()[0]));
        }
        return sb.toString();
    }

    public static int positive(Map<String, String> v, String name, boolean zeroAllowed) {
        int n;
        try {
            n = Integer.parseInt(v.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer: " + v.get(name));
        }
        if (n < 0 || (n == 0 && !zeroAllowed)) {
            throw new IllegalArgumentException("--" + name + " must be " + (zeroAllowed ? ">= 0" : "> 0") + ": " + n);
        }
        return n;
    }

    public static boolean bool(Map<String, String> v, String name) {
        String s = v.get(name).trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("--" + name + " must be true or false: " + v.get(name));
        };
    }

    /** Thrown by {@link #parse} for {@code --help}. */
    public static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
