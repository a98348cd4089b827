package dev.aigateway.core.upstream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import okhttp3.Call;

/**
 * Cuts upstream calls that stop making progress: a complete answer still missing after the limit,
 * or a stream silent for that long. Whoever owns the guard calls {@link #sweep()} now and then (the
 * upstream client, once a second). Watching costs a call a set insertion and removal, and a stream
 * a timestamp per read, where OkHttp's read and write timeouts take a process-wide lock on every
 * socket operation and wake their watchdog thread whenever its queue was empty. Thread-safe.
 */
final class StallGuard {
    private final long limitNanos;
    private final LongSupplier nanoTime;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    StallGuard(Duration limit, LongSupplier nanoTime) {
        this.limitNanos = limit.toNanos();
        this.nanoTime = nanoTime;
    }

    Duration limit() {
        return Duration.ofNanos(limitNanos);
    }

    /** Starts watching {@code call}; its time runs from now. */
    Watch watch(Call call) {
        Watch watch = new Watch(call);
        watches.add(watch);
        return watch;
    }

    /** Cancels every watched call whose time is up. */
    void sweep() {
        long now = nanoTime.getAsLong();
        for (Watch watch : watches) {
            if (now - watch.deadline > 0) {
                watch.stalled = true;
                watches.remove(watch);
                watch.call.cancel();
            }
        }
    }

    int watching() {
        return watches.size();
    }

    /** One watched call. */
    final class Watch implements AutoCloseable {
        private final Call call;
        private volatile long deadline;
        private volatile boolean stalled;

        private Watch(Call call) {
            this.call = call;
            progress();
        }

        /** The call made progress: its time starts again. */
        void progress() {
            deadline = nanoTime.getAsLong() + limitNanos;
        }

        /** Whether the guard cancelled the call. */
        boolean stalled() {
            return stalled;
        }

        @Override
        public void close() {
            watches.remove(this);
        }
    }
}
