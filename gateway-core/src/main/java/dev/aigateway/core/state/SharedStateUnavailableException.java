package dev.aigateway.core.state;

/**
 * The store behind a {@link SharedState} could not answer: it is down, unreachable, too slow, or
 * refused the connection (a wrong password, a full or read-only server). Unchecked, because the
 * one right reaction is the same everywhere: fail open. The caller serves the request as if the
 * state were absent (no limit applied, the breaker closed, a cache miss) and logs the failure.
 *
 * <p>The message names the store's host and port but never its credentials.
 */
public final class SharedStateUnavailableException extends RuntimeException {
    public SharedStateUnavailableException(String message) {
        super(message);
    }

    public SharedStateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
