package dev.aigateway.core;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The body of a {@link GatewayResponse.Binary} answer: the upstream's bytes, passed on as they
 * arrive (speech audio, a file's content, the proxy's answers). Read it once.
 */
public interface ByteStream {
    /**
     * Copies the body to {@code out} as it arrives, flushing whenever the upstream pauses, and
     * releases the upstream call. A byte stream has no way to report a failure in-band: when the
     * upstream fails midway, or {@code out} does (the client went away), this throws
     * {@link IOException} after cancelling the upstream call, and the caller must cut its
     * connection rather than end the body normally, so that the client sees the body is
     * incomplete.
     */
    void writeTo(OutputStream out) throws IOException;

    /** Cancels the upstream call and releases it; safe to call at any time, more than once. */
    void cancel();
}
