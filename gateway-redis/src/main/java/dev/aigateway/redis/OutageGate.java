package dev.aigateway.redis;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keeps request threads off a Redis that just failed. After a failure every call is refused at
 * once for the back-off; then one call, the probe, goes through while the others are still
 * refused. The probe's success opens the gate for all; its failure starts another back-off. So an
 * outage costs one timeout per back-off instead of one per request, and recovery needs no one to
 * step in.
 */
final class OutageGate {
    private static final long OPEN = Long.MIN_VALUE;

    private final LongSupplier clock;
    private final long backoffMillis;
    /** {@link #OPEN}, or the clock reading from which the next probe may go through. */
    private final AtomicLong closedUntil = new AtomicLong(OPEN);

    OutageGate(LongSupplier clock, long backoffMillis) {
        this.clock = clock;
        this.backoffMillis = backoffMillis;
    }

    /** Whether this call may go to Redis: always while open; during an outage, one probe at a time. */
    boolean tryPass() {
        long until = closedUntil.get();
        if (until == OPEN) {
            return true;
        }
        long now = clock.getAsLong();
        // The winner of the race is the probe; it holds the gate closed for one more back-off.
        return now >= until && closedUntil.compareAndSet(until, now + backoffMillis);
    }

    /** Records an answer from Redis; returns whether it ended an outage. */
    boolean succeeded() {
        return closedUntil.get() != OPEN && closedUntil.getAndSet(OPEN) != OPEN;
    }

    /** Records a failure; returns whether it started an outage (the gate was open). */
    boolean failed() {
        return closedUntil.getAndSet(clock.getAsLong() + backoffMillis) == OPEN;
    }

    /** Whether calls are being refused now. */
    boolean isClosed() {
        return closedUntil.get() != OPEN;
    }

    long backoffMillis() {
        return backoffMillis;
    }
}
