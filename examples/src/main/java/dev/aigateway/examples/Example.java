package dev.aigateway.examples;

import java.io.PrintStream;
import java.util.List;

/** One runnable example: {@code java -jar examples.jar <name> [args]}. */
public interface Example {
    /** The name on the command line, e.g. {@code fallback-demo}. */
    String name();

    /** One line for the list of examples. */
    String summary();

    /** The arguments it takes, for the usage line; empty for none. */
    default String usage() {
        return DemoOptions.USAGE;
    }

    /**
     * Runs the example, printing to {@code out}, and returns the process exit code: 0 when what it
     * shows held, non-zero otherwise. Servers run until the process is stopped.
     *
     * @throws IllegalArgumentException for bad arguments
     */
    int run(List<String> args, PrintStream out) throws InterruptedException;
}
