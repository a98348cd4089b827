package dev.aigateway.core.upstream;

import dev.aigateway.core.http.Headers;
import java.io.Closeable;
import java.io.InputStream;

/**
 * A provider's answer. Unless it is an open stream ({@link #isOpenStream()}), the body has been
 * read whole and {@link #bytes()} holds it. Close it when done. A read of an open stream that the
 * request's timeout cut fails with {@link UpstreamTimeoutException}; one the idle timeout cut, with
 * {@link StreamIdleException}. A wrapper must pass {@link #answerBegan()} and {@link #eventArrived()}
 * on: the request's timeout runs until the first.
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

    /**
     * For an open stream: the answer has begun (its first event is ready for the caller). The
     * request's timeout, which bounded the wait for it, ends; the idle timeout starts.
     */
    default void answerBegan() {}

    /** For an open stream: an upstream event arrived, so the idle timeout starts again. */
    default void eventArrived() {}

    /** Aborts the call, failing any read in progress. Safe from any thread. */
    void cancel();

    @Override
    void close();
}
