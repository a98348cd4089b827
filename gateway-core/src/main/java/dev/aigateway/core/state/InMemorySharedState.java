package dev.aigateway.core.state;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * {@link SharedState} inside one process: for a single gateway, for embedded use and for tests.
 * Thread-safe; every operation is atomic per key.
 *
 * <p>Time comes from an injected source of milliseconds (monotonic by default), so tests move it
 * exactly. An expired entry is removed when it is next touched. The store is bounded: when a write
 * takes it past {@code maxEntries} (default {@value #DEFAULT_MAX_ENTRIES}), one sweep removes the
 * expired entries and, should that not bring it down to 90% of the bound, live entries in no
 * particular order until it does, sparing the key just written. Evicting a counter or a breaker
 * entry early fails open (a limit counts from zero, a breaker closes), so the bound guards memory
 * against unbounded key growth; it is no cache policy. Writes racing a sweep may pass the bound
 * briefly.
 */
public final class InMemorySharedState implements SharedState {
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private static final LongSupplier MONOTONIC_MILLIS = () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime());

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();
    private final LongSupplier clock;
    private final int maxEntries;
    private final int afterSweep;
    private volatile boolean closed;

    private InMemorySharedState(LongSupplier clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.afterSweep = maxEntries - maxEntries / 10;
    }

    /** A store with the monotonic clock and {@value #DEFAULT_MAX_ENTRIES} entries at most. */
    public static InMemorySharedState create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public long increment(String key, long delta, Duration ttl) {
        Objects.requireNonNull(key, "key");
        long ttlMillis = ttlMillis(ttl);
        long now = now();
        long[] result = new long[1];
        entries.compute(key, (k, old) -> {
            if (old == null || old.expiredAt(now)) {
                result[0] = delta;
                return new Entry(digits(delta), now + ttlMillis);
            }
            result[0] = add(old.counter(), delta);
            return new Entry(digits(result[0]), old.expiresAt());
        });
        trimIfFull(key, now);
        return result[0];
    }

    @Override
    public Optional<byte[]> get(String key) {
        Objects.requireNonNull(key, "key");
        return live(key, now()).map(entry -> entry.value().clone());
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        long ttlMillis = ttlMillis(ttl);
        long now = now();
        entries.put(key, new Entry(value.clone(), now + ttlMillis));
        trimIfFull(key, now);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        long ttlMillis = ttlMillis(ttl);
        byte[] copy = value.clone();
        long now = now();
        boolean[] written = new boolean[1];
        entries.compute(key, (k, old) -> {
            if (old != null && !old.expiredAt(now)) {
                return old;
            }
            written[0] = true;
            return new Entry(copy, now + ttlMillis);
        });
        trimIfFull(key, now);
        return written[0];
    }

    @Override
    public void delete(String key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        entries.remove(key);
    }

    @Override
    public OptionalLong ttlMillis(String key) {
        Objects.requireNonNull(key, "key");
        long now = now();
        return live(key, now)
                .map(entry -> OptionalLong.of(entry.expiresAt() - now))
                .orElse(OptionalLong.empty());
    }

    /** Drops every entry; later operations throw {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        entries.clear();
    }

    /** How many entries are held, expired ones not yet removed included. */
    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return "InMemorySharedState[maxEntries=" + maxEntries + "]";
    }

    private Optional<Entry> live(String key, long now) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiredAt(now)) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    /** Sweeps when full, sparing {@code written}: a value just written can be read back. */
    private void trimIfFull(String written, long now) {
        if (entries.size() <= maxEntries || !sweeping.tryLock()) {
            return;
        }
        try {
            entries.values().removeIf(entry -> entry.expiredAt(now));
            Iterator<String> keys = entries.keySet().iterator();
            while (entries.size() > afterSweep && keys.hasNext()) {
                if (!keys.next().equals(written)) {
                    keys.remove();
                }
            }
        } finally {
            sweeping.unlock();
        }
    }

    private long now() {
        checkOpen();
        return clock.getAsLong();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the shared state is closed");
        }
    }

    private static long ttlMillis(Duration ttl) {
        if (ttl.compareTo(Duration.ofMillis(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("a TTL must be from 1 ms to " + MAX_TTL.toDays() + " days, got " + ttl);
        }
        return ttl.toMillis();
    }

    private static long add(long counter, long delta) {
        try {
            return Math.addExact(counter, delta);
        } catch (ArithmeticException e) {
            throw new IllegalStateException("the increment would overflow the counter");
        }
    }

    private static byte[] digits(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** A value and the clock reading from which it is gone. Its array never leaves the store. */
    private record Entry(byte[] value, long expiresAt) {
        boolean expiredAt(long now) {
            return now >= expiresAt;
        }

        long counter() {
            try {
                return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("the key holds a value that is not a counter");
            }
        }
    }

    public static final class Builder {
        private LongSupplier clock = MONOTONIC_MILLIS;
        private int maxEntries = DEFAULT_MAX_ENTRIES;

        private Builder() {}

        /** The time in milliseconds; only differences matter. Default: {@link System#nanoTime()}. */
        public Builder clock(LongSupplier millis) {
            this.clock = Objects.requireNonNull(millis, "millis");
            return this;
        }

        /** How many entries the store holds before a sweep; see the class comment. */
        public Builder maxEntries(int maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
            }
            this.maxEntries = maxEntries;
            return this;
        }

        public InMemorySharedState build() {
            return new InMemorySharedState(clock, maxEntries);
        }
    }
}
