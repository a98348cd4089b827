package dev.aigateway.core.upstream;

import java.io.IOException;

/** The per-attempt deadline passed before the provider answered. */
public final class UpstreamTimeoutException extends IOException {
    private final long timeoutMillis;

    public UpstreamTimeoutException(long timeoutMillis) {
        super("no answer within " + timeoutMillis + " ms");
        this.timeoutMillis = timeoutMillis;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }
}
