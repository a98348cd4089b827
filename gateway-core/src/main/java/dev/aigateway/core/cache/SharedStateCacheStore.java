package dev.aigateway.core.cache;

import dev.aigateway.core.state.SharedState;
import dev.aigateway.core.state.SharedStateUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link CacheStore#shared}: entries in the shared state under {@code cache:} keys, failing open.
 * An outage is logged once at WARNING when it starts and once at INFO when the state answers
 * again; the requests in between are served without the cache.
 */
final class SharedStateCacheStore implements CacheStore {
    private static final Logger LOG = Logger.getLogger(SharedStateCacheStore.class.getName());

    private final SharedState state;
    private final AtomicBoolean down = new AtomicBoolean();

    SharedStateCacheStore(SharedState state) {
        this.state = state;
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            Optional<byte[]> value = state.get(key);
            up();
            return value;
        } catch (SharedStateUnavailableException e) {
            failed(e);
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        Duration bounded = ttl.compareTo(SharedState.MAX_TTL) > 0 ? SharedState.MAX_TTL : ttl;
        if (bounded.toMillis() < 1) {
            return;
        }
        try {
            state.put(key, value, bounded);
            up();
        } catch (SharedStateUnavailableException e) {
            failed(e);
        }
    }

    private void up() {
        if (down.get() && down.compareAndSet(true, false)) {
            LOG.info("response cache: the shared state answers again; cached answers are served from it");
        }
    }

    private void failed(SharedStateUnavailableException e) {
        if (down.compareAndSet(false, true)) {
            LOG.log(
                    Level.WARNING,
                    "response cache bypassed: the shared state is unavailable (" + e.getMessage()
                            + "); requests go to their upstreams until it answers");
        } else {
            LOG.log(Level.FINE, "response cache bypassed: the shared state is unavailable");
        }
    }
}
