package dev.aigateway.server;

import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;

/**
 * Ends a request whose body stops arriving: when no bytes of it came for the whole timeout, the
 * stall action runs (an answer, then the connection closes). Runs on the connection's IO thread,
 * where the body is read, so it needs no locking. XNIO's own read timeout is not used for this: it
 * would also run while the server waits for the upstream, and cut long answers.
 */
final class BodyStallGuard implements Runnable {
    private final HttpServerExchange exchange;
    private final long timeoutNanos;
    private final Runnable onStall;
    private long lastProgress = System.nanoTime();
    private XnioExecutor.Key next;
    private boolean stopped;

    private BodyStallGuard(HttpServerExchange exchange, long timeoutNanos, Runnable onStall) {
        this.exchange = exchange;
        this.timeoutNanos = timeoutNanos;
        this.onStall = onStall;
    }

    /** A guard that does nothing until {@link #arm}ed; a zero {@code timeout} never watches. */
    static BodyStallGuard create(HttpServerExchange exchange, Duration timeout, Runnable onStall) {
        BodyStallGuard guard = new BodyStallGuard(exchange, timeout.toNanos(), onStall);
        guard.stopped = timeout.isZero();
        return guard;
    }

    /**
     * Starts watching, unless the body has already ended: most bodies arrive with their headers and
     * are read whole before this would be called, so they cost no timer.
     */
    void arm() {
        if (!stopped && next == null) {
            schedule(Math.max(0, timeoutNanos - (System.nanoTime() - lastProgress)));
        }
    }

    /** Some of the body arrived. */
    void progress() {
        lastProgress = System.nanoTime();
    }

    /** The body ended, one way or another. */
    void stop() {
        stopped = true;
        if (next != null) {
            next.remove();
            next = null;
        }
    }

    @Override
    public void run() {
        next = null;
        if (stopped) {
            return;
        }
        long quiet = System.nanoTime() - lastProgress;
        if (quiet >= timeoutNanos) {
            stopped = true;
            onStall.run();
        } else {
            schedule(timeoutNanos - quiet);
        }
    }

    private void schedule(long nanos) {
        try {
            next = exchange.getIoThread().executeAfter(this, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            stopped = true; // the server is stopping and closes the connection itself
        }
    }
}
