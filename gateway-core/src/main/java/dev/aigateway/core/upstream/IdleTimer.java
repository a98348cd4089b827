package dev.aigateway.core.upstream;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import okhttp3.Call;

/**
 * Cuts a stream that goes {@code idleNanos} without an event. An event only writes a timestamp; a
 * check scheduled on the shared timer thread either finds the stream idle and cancels its call, or
 * schedules itself again for when the latest event's time runs out. So a stream costs one timer
 * task per idle period, not one per event, and no thread of its own. Thread-safe.
 */
final class IdleTimer implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final Call call;
    private final long idleNanos;
    private final LongSupplier nanoTime;
    private volatile long lastEvent;
    private volatile boolean fired;
    private ScheduledFuture<?> check;
    private boolean closed;

    IdleTimer(ScheduledExecutorService timer, Call call, long idleMillis, LongSupplier nanoTime) {
        this.timer = timer;
        this.call = call;
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        this.nanoTime = nanoTime;
    }

    /** Starts the clock: the first event must come within the idle time from now. */
    void start() {
        lastEvent = nanoTime.getAsLong();
        schedule(idleNanos);
    }

    void eventArrived() {
        lastEvent = nanoTime.getAsLong();
    }

    /** Whether this timer cut the call. */
    boolean fired() {
        return fired;
    }

    long idleMillis() {
        return TimeUnit.NANOSECONDS.toMillis(idleNanos);
    }

    private void check() {
        long idle = nanoTime.getAsLong() - lastEvent;
        if (idle >= idleNanos) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                fired = true;
            }
            call.cancel();
        } else {
            schedule(idleNanos - idle);
        }
    }

    private synchronized void schedule(long delayNanos) {
        if (closed) {
            return;
        }
        try {
            check = timer.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The client is closing: its calls end with it.
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (check != null) {
            check.cancel(false);
        }
    }
}
