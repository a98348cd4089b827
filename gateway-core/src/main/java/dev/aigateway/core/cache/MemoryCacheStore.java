package dev.aigateway.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Optional;

/** {@link CacheStore#inMemory}: a Caffeine cache weighed in bytes, with each entry's own TTL. */
final class MemoryCacheStore implements CacheStore {
    /** What an entry costs beyond its key and value: the map node, the holder, the array headers. */
    static final int ENTRY_OVERHEAD_BYTES = 128;

    private final Cache<String, Stored> entries;

    MemoryCacheStore(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Stored stored) -> weight(key, stored.value()))
                .expireAfter(new StoredExpiry())
                .executor(Runnable::run) // evict on the calling thread: no pool work per write
                .build();
    }

    static int weight(String key, byte[] value) {
        long bytes = 2L * key.length() + value.length + ENTRY_OVERHEAD_BYTES;
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    @Override
    public Optional<byte[]> get(String key) {
        Stored stored = entries.getIfPresent(key);
        return stored == null ? Optional.empty() : Optional.of(stored.value());
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        if (!ttl.isNegative() && !ttl.isZero()) {
            entries.put(key, new Stored(value, ttl.toNanos()));
        }
    }

    /** How many bytes the entries weigh now, after pending evictions; for tests. */
    long weightedBytes() {
        entries.cleanUp();
        return entries.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    @Override
    public void close() {
        entries.invalidateAll();
    }

    /** A value and how long it lives after it was written. The array is never changed. */
    private record Stored(byte[] value, long ttlNanos) {}

    private static final class StoredExpiry implements Expiry<String, Stored> {
        @Override
        public long expireAfterCreate(String key, Stored value, long currentTime) {
            return value.ttlNanos();
        }

        @Override
        public long expireAfterUpdate(String key, Stored value, long currentTime, long currentDuration) {
            return value.ttlNanos();
        }

        @Override
        public long expireAfterRead(String key, Stored value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
