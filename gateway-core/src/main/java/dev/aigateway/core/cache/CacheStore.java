package dev.aigateway.core.cache;

import dev.aigateway.core.state.SharedState;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a {@link ResponseCache} keeps its answers: in this process ({@link #inMemory}) or in the
 * state replicas share ({@link #shared}, Redis in a server started with {@code --redis}). Keys
 * are hashes; values are encoded answers. A store that cannot be reached reads nothing and
 * writes nothing, so the cache is bypassed and requests are served. Thread-safe.
 */
public interface CacheStore extends AutoCloseable {
    /** The value under {@code key}; empty when missing, expired or unreachable. */
    Optional<byte[]> get(String key);

    /** Stores {@code value} under {@code key} for {@code ttl}; skipped when unreachable. */
    void put(String key, byte[] value, Duration ttl);

    /** Releases what the store holds; a shared state given to it stays open (its owner closes it). */
    @Override
    default void close() {}

    /**
     * A store in this process that holds at most {@code maxBytes} of keys and answers, evicting
     * the least useful entries first (Caffeine's W-TinyLFU), each entry gone after its TTL.
     */
    static CacheStore inMemory(long maxBytes) {
        return new MemoryCacheStore(maxBytes);
    }

    /**
     * A store in {@code state}, under keys starting {@code cache:}, with each entry's TTL set in
     * the state itself (Redis expires them). When the state is unavailable the cache is bypassed:
     * a warning is logged once per outage, and requests go to their upstreams.
     */
    static CacheStore shared(SharedState state) {
        return new SharedStateCacheStore(state);
    }
}
