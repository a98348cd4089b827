package dev.aigateway.core.state;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * State that every replica of the gateway must agree on: per-key rate-limit counters, circuit
 * breaker state and cached responses. One process uses {@link InMemorySharedState}; replicas
 * behind a load balancer share a Redis server through {@code RedisSharedState} (module
 * gateway-redis). Both keep the same contract, so a feature is written once against this
 * interface.
 *
 * <h2>Keys and lifetimes</h2>
 *
 * Keys are strings; a feature puts its own name first ({@code "limit:"}, {@code "breaker:"},
 * {@code "cache:"}). Keys end up in a shared server and its logs: hash anything secret (an API
 * key) before it becomes part of a key. Every key is written with a TTL from one millisecond to
 * {@link #MAX_TTL} and lives for that long after the write that set it, then is gone; nothing is
 * kept forever. A key is either a counter (written by {@link #increment}) or a value (written by
 * {@link #put} or {@link #putIfAbsent}); keep the two kinds under different keys.
 *
 * <h2>Values</h2>
 *
 * Values are byte arrays and are copied: changing an array after {@code put} or after {@code get}
 * changes nothing in the store. A counter is kept as its decimal digits in ASCII, as Redis keeps
 * it, so {@code get} on a counter's key returns those digits.
 *
 * <h2>Failures: fail open</h2>
 *
 * A store kept outside the process throws {@link SharedStateUnavailableException} from any
 * operation when it cannot answer: quickly (its timeouts are short) and, for a while after a
 * failure, at once without trying. Callers must fail open: catch it, serve the request as if the
 * state were absent (no limit applied, the breaker closed, a cache miss, a write skipped) and log
 * it. The Redis store logs each outage once at WARNING when it starts and once when it ends, so
 * per-request lines belong at FINE. An outage of the shared state must never become an outage of
 * the gateway. Misuse is not an outage: bad arguments throw {@link IllegalArgumentException}, an
 * increment of a value that is not a counter throws {@link IllegalStateException}, and so does any
 * operation after {@link #close}.
 *
 * <p>Implementations are thread-safe; share one instance per process.
 */
public interface SharedState extends AutoCloseable {
    /** The longest TTL a write accepts; a longer one, or one under a millisecond, is refused. */
    Duration MAX_TTL = Duration.ofDays(365);

    /**
     * Adds {@code delta} (which may be zero or negative) to the counter at {@code key} and returns
     * the new value, atomically across threads and replicas. A missing (or expired) key starts at
     * zero and lives for {@code ttl} from this call; later increments keep that expiry and do not
     * extend it, which makes fixed windows: {@code increment("limit:k:" + minute, 1,
     * Duration.ofMinutes(1))}.
     *
     * @throws IllegalStateException when the key holds a value that is not a decimal integer, or
     *     the sum leaves the {@code long} range
     */
    long increment(String key, long delta, Duration ttl);

    /** The value at {@code key} (a copy), or empty when the key is missing or expired. */
    Optional<byte[]> get(String key);

    /** Sets {@code key} to a copy of {@code value}, replacing any value and any TTL it had. */
    void put(String key, byte[] value, Duration ttl);

    /**
     * Sets {@code key} only when it is missing (or expired), atomically across threads and
     * replicas: of many concurrent callers exactly one gets {@code true}. Elects the one replica
     * that sends a half-open circuit breaker's probe; the TTL frees the election should that
     * replica die.
     *
     * @return whether this call set the key
     */
    boolean putIfAbsent(String key, byte[] value, Duration ttl);

    /** Removes {@code key}; nothing happens when it is missing. */
    void delete(String key);

    /**
     * The milliseconds left before {@code key} expires, or empty when it is missing or expired.
     * For a limit's {@code retry-after}: the time left in the counter's window.
     */
    OptionalLong ttlMillis(String key);

    /** Releases the store (the Redis connection pool); later operations throw. */
    @Override
    void close();
}
