package dev.aigateway.examples;

import java.io.PrintStream;
import java.util.List;

/**
 * An example told against a {@link DemoStack}: the fakes plus an in-process gateway, or a running
 * gateway given with {@code --gateway URL}. Tests call {@link #run(DemoStack, PrintStream)} with a
 * stack of their own.
 */
public abstract class StackExample implements Example {
    @Override
    public final int run(List<String> args, PrintStream out) {
        try (DemoStack stack = DemoStack.start(DemoOptions.parse(args))) {
            return run(stack, out);
        }
    }

    /** Tells the example against {@code stack}; returns 0 when its story holds, 1 otherwise. */
    public abstract int run(DemoStack stack, PrintStream out);
}
