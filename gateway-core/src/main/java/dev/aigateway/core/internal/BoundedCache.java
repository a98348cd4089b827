package dev.aigateway.core.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values computed once per key, for keys that repeat: the gateway's requests carry few distinct
 * configs and reach few distinct URLs. Bounded: past its capacity the cache starts over, which
 * costs nothing per request where an eviction order would. A computation that throws is not kept.
 * Thread-safe; two threads may compute the same value once each.
 */
public final class BoundedCache<K, V> {
    private final int capacity;
    private final Map<K, V> values = new ConcurrentHashMap<>();

    public BoundedCache(int capacity) {
        this.capacity = capacity;
    }

    /** The value for {@code key}, computed by {@code compute} unless kept already. */
    public V get(K key, Function<K, V> compute) {
        V kept = values.get(key);
        if (kept != null) {
            return kept;
        }
        V value = compute.apply(key);
        if (values.size() >= capacity) {
            values.clear();
        }
        values.put(key, value);
        return value;
    }

    /** How many values are kept. */
    public int size() {
        return values.size();
    }
}
