package dev.aigateway.examples;

import dev.aigateway.examples.generate.GenerateAppExample;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The launcher of {@code examples.jar}: {@code java -jar examples.jar <example> [args]}; with no
 * argument it lists the examples. The exit code is the example's: 0 when what it shows held.
 */
public final class Examples {
    /** Held so the level settings are not garbage-collected with their loggers. */
    private static final List<Logger> QUIET = List.of(
            Logger.getLogger("org.xnio"),
            Logger.getLogger("io.undertow"),
            Logger.getLogger("org.jboss"),
            Logger.getLogger("okhttp3"));

    /** Every example, in the order the list shows them. */
    public static final List<Example> ALL = List.of(
            new FallbackDemo(),
            new GenerateAppExample(),
            new FakesExample(),
            new EmbeddedExample(),
            new LoadBalanceExample(),
            new ConditionalExample(),
            new StreamingExample());

    private Examples() {}

    public static void main(String[] args) throws InterruptedException {
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
        int code = run(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the example {@code args} name; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            list(out);
            return 0;
        }
        Optional<Example> example = find(args.get(0));
        if (example.isEmpty()) {
            err.println("error: no example named '" + args.get(0) + "'");
            list(err);
            return 2;
        }
        try {
            return example.get().run(args.subList(1, args.size()), out);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("usage: java -jar examples.jar " + example.get().name() + " "
                    + example.get().usage());
            return 2;
        } catch (IllegalStateException e) {
            // A server could not start, usually a port in use: say so without a stack trace.
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    static Optional<Example> find(String name) {
        return ALL.stream().filter(example -> example.name().equals(name)).findFirst();
    }

    private static void list(PrintStream out) {
        out.println("usage: java -jar examples/target/examples.jar <example> [options]");
        out.println();
        out.println("examples:");
        for (Example example : ALL) {
            out.printf("  %-14s %s%n", example.name(), example.summary());
        }
        out.println();
        out.println("Everything runs offline against fake Gemini and OpenAI servers on 127.0.0.1.");
    }
}
