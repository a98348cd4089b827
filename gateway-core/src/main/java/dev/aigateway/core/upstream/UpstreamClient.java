package dev.aigateway.core.upstream;

import java.io.IOException;

/** Sends requests to providers. Implementations are thread-safe and shared by all requests. */
public interface UpstreamClient extends AutoCloseable {
    /**
     * Sends {@code request} and waits for its answer (the whole body, or the headers of a 2xx
     * stream).
     *
     * @throws UpstreamTimeoutException when the request's deadline passed first
     * @throws IOException when the provider could not be reached or the connection failed
     */
    UpstreamResponse execute(UpstreamRequest request) throws IOException;

    /**
     * Prepares, ahead of the first calls, what they would otherwise wait for (such as TLS set-up).
     * Servers call it once they listen; it may take a while, so call it off the critical path.
     */
    default void warmUp() {}

    /** Releases the client's threads and idle connections; calls made afterwards may fail. */
    @Override
    default void close() {}
}
