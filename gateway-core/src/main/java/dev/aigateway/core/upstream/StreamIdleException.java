package dev.aigateway.core.upstream;

import java.net.SocketTimeoutException;

/** A stream that had begun sent no event within its idle timeout, and was cut. */
public final class StreamIdleException extends SocketTimeoutException {
    private final long idleMillis;

    public StreamIdleException(long idleMillis) {
        super("no event arrived for " + idleMillis + " ms");
        this.idleMillis = idleMillis;
    }

    public long idleMillis() {
        return idleMillis;
    }
}
