package dev.aigateway.core.upstream;

import dev.aigateway.core.http.Headers;
import java.io.Closeable;
import java.io.InputStream;

/**
 * A provider's answer. Unless it is an open stream ({@link #isOpenStream()}), the body has been
 * read whole and {@link #bytes()} holds it. Close it when done.
 */
public interface UpstreamResponse extends Closeable {
    int status();

    Headers headers();

    /** The content type, or {@code ""}. */
    default String contentType() {
        String value = headers().value("content-type");
        return value == null ? "" : value;
    }

    /** Whether the body is still open for reading through {@link #stream()}. */
    boolean isOpenStream();

    /** The whole body; empty for an open stream. */
    byte[] bytes();

    /** The open body of a stream; read it on one thread. */
    InputStream stream();

    /** Aborts the call, failing any read in progress. Safe from any thread. */
    void cancel();

    @Override
    void close();
}
