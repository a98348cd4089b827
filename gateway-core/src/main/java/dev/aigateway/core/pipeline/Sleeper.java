package dev.aigateway.core.pipeline;

import java.time.Duration;

/** Waits between retries; injected so tests can record delays instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the current thread. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
