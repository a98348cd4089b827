package dev.aigateway.core.breaker;

import dev.aigateway.core.state.SharedState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One breaker's state in a {@link SharedState}, under three keys:
 *
 * <ul>
 *   <li>{@code <key>:counts}: the answers and failures of the current window, one counter holding
 *       both (failures in the high 32 bits, answers in the low), so that one atomic increment
 *       records an answer; the window is the counter's lifetime, one cooldown from its first
 *       answer;
 *   <li>{@code <key>:open}: present while the breaker is open or half-open, holding the time (ms
 *       since the epoch) when it stops being open; it lives {@link #HALF_OPEN_KEPT} longer, so that
 *       the first request after the cooldown finds it half-open;
 *   <li>{@code <key>:probe}: the replica that won the half-open probe, for {@link #PROBE_LEASE}.
 * </ul>
 *
 * Operations throw {@code SharedStateUnavailableException} like the store; the breaker fails open.
 */
final class BreakerStore {
    /** How long a breaker left half-open, with no request to probe it, stays so before it closes. */
    static final Duration HALF_OPEN_KEPT = Duration.ofMinutes(10);

    /** How long a probe may take before another request may probe instead. */
    static final Duration PROBE_LEASE = Duration.ofSeconds(60);

    private static final long ONE_FAILURE = 1L << 32;
    private static final byte[] PROBING = "1".getBytes(StandardCharsets.US_ASCII);

    private final SharedState state;

    BreakerStore(SharedState state) {
        this.state = state;
    }

    /** When the breaker stops being open (ms since the epoch), or empty when it is closed. */
    OptionalLong openUntil(String key) {
        Optional<byte[]> value = state.get(key + ":open");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(new String(value.get(), StandardCharsets.US_ASCII)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Counts one answer, a failure or not; returns {failures, answers} of the window. */
    long[] count(String key, boolean failure, Duration window) {
        long packed = state.increment(key + ":counts", failure ? ONE_FAILURE + 1 : 1, window);
        return new long[] {packed >>> 32, packed & 0xFFFF_FFFFL};
    }

    /** Turns an answer counted as a success into a failure (a stream cut after it began). */
    long[] countLateFailure(String key, Duration window) {
        long packed = state.increment(key + ":counts", ONE_FAILURE, window);
        return new long[] {packed >>> 32, packed & 0xFFFF_FFFFL};
    }

    /** Opens the breaker until {@code untilMillis}, and starts a fresh count for after it. */
    void open(String key, long untilMillis, Duration cooldown) {
        state.put(
                key + ":open",
                Long.toString(untilMillis).getBytes(StandardCharsets.US_ASCII),
                cooldown.plus(HALF_OPEN_KEPT));
        state.delete(key + ":counts");
        state.delete(key + ":probe");
    }

    /** Whether this request won the half-open probe. */
    boolean claimProbe(String key) {
        return state.putIfAbsent(key + ":probe", PROBING, PROBE_LEASE);
    }

    /** Closes the breaker: the probe (or a bypassed try) answered. */
    void close(String key) {
        state.delete(key + ":open");
        state.delete(key + ":probe");
        state.delete(key + ":counts");
    }
}
