package dev.aigateway.core.provider;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The time and id sources transforms use for {@code created} and generated ids, injected so that
 * golden tests are exact.
 */
public record TransformContext(Clock clock, Supplier<String> ids) {
    public static TransformContext system() {
        return new TransformContext(Clock.systemUTC(), () -> UUID.randomUUID().toString());
    }

    /** Seconds since the epoch, for OpenAI's {@code created}. */
    public long nowSeconds() {
        return clock.millis() / 1000;
    }

    public long nowMillis() {
        return clock.millis();
    }

    /** A fresh unique id, e.g. a UUID. */
    public String newId() {
        return ids.get();
    }
}
