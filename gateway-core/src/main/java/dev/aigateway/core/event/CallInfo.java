package dev.aigateway.core.event;

import dev.aigateway.core.Endpoint;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One call to the gateway, as listeners and interceptors see it: what was asked, when, and a place
 * where the links of its chains leave facts for each other and for listeners (a gateway key's
 * name, a cache status, guardrail results). Thread-safe.
 */
public final class CallInfo {
    private final String traceId;
    private final Endpoint endpoint;
    private final String path;
    private final Instant startedAt;
    private final long startNanos;
    private final Map<Attribute<?>, Object> attributes = new ConcurrentHashMap<>();

    public CallInfo(String traceId, Endpoint endpoint, String path, Instant startedAt, long startNanos) {
        this.traceId = traceId;
        this.endpoint = endpoint;
        this.path = path;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
    }

    /** The {@code x-portkey-trace-id}: the caller's, or one the gateway made up. */
    public String traceId() {
        return traceId;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The request path, e.g. {@code /v1/chat/completions}. */
    public String path() {
        return path;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** {@link System#nanoTime()} when the call started, for durations. */
    public long startNanos() {
        return startNanos;
    }

    public <T> Optional<T> attribute(Attribute<T> key) {
        return Optional.ofNullable(key.type().cast(attributes.get(key)));
    }

    public <T> void setAttribute(Attribute<T> key, T value) {
        attributes.put(key, key.type().cast(value));
    }

    @Override
    public String toString() {
        return "CallInfo[" + traceId + " " + path + "]";
    }

    /**
     * A typed key for {@link #attribute}. Keys compare by identity: declare each once, as a
     * constant.
     */
    public static final class Attribute<T> {
        private final String name;
        private final Class<T> type;

        private Attribute(String name, Class<T> type) {
            this.name = name;
            this.type = type;
        }

        public static <T> Attribute<T> of(String name, Class<T> type) {
            return new Attribute<>(name, type);
        }

        public String name() {
            return name;
        }

        Class<T> type() {
            return type;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
