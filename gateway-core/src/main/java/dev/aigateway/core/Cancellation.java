package dev.aigateway.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets the party that owns a request (the server, when the client disconnects) cancel the upstream
 * work done for it. Thread-safe: {@link #cancel()} may be called from any thread, once or more.
 */
public final class Cancellation {
    private final List<Runnable> actions = new ArrayList<>();
    private boolean cancelled;

    /** A cancellation that nobody will trigger. */
    public static Cancellation none() {
        return new Cancellation();
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Runs every registered action, now and for anything registered later. */
    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        toRun.forEach(Runnable::run);
    }

    /**
     * Registers {@code action} to run on cancel (at once when already cancelled). The returned
     * handle unregisters it, e.g. once the upstream call it would cancel has finished.
     */
    public Registration onCancel(Runnable action) {
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow) {
                actions.add(action);
            }
        }
        if (runNow) {
            action.run();
        }
        return () -> {
            synchronized (this) {
                actions.remove(action);
            }
        };
    }

    /** Undoes an {@link #onCancel} registration. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
