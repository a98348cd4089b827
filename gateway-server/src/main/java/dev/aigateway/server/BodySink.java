package dev.aigateway.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Where {@link BodyReader} puts a body while it arrives, on the connection's IO thread: memory for
 * JSON, which the gateway parses, or a {@link SpooledBody} file for forms and bytes it sends on
 * unread. Used by one thread.
 *
 * @param <T> what the whole body becomes
 */
interface BodySink<T> {
    /** Takes the next piece of the body. */
    void write(byte[] chunk) throws IOException;

    /** The whole body, once its last piece was written. */
    T finish() throws IOException;

    /** Lets go of what was kept: the body will not be used (too large, cut, refused). */
    void discard();

    /** JSON: kept in memory, sized from the content length. */
    static BodySink<byte[]> inMemory(long contentLength, long limit) {
        return new BodySink<>() {
            private ByteArrayOutputStream kept = new ByteArrayOutputStream(initialSize(contentLength, limit));

            @Override
            public void write(byte[] chunk) {
                kept.write(chunk, 0, chunk.length);
            }

            @Override
            public byte[] finish() {
                return kept.toByteArray();
            }

            @Override
            public void discard() {
                kept = new ByteArrayOutputStream(0);
            }
        };
    }

    /** A body nobody needs, read only to keep the connection usable. */
    static BodySink<Void> skipped() {
        return new BodySink<>() {
            @Override
            public void write(byte[] chunk) {}

            @Override
            public Void finish() {
                return null;
            }

            @Override
            public void discard() {}
        };
    }

    private static int initialSize(long length, long limit) {
        return (int) Math.max(256, Math.min(length < 0 ? 4096 : length, Math.min(limit, 1 << 20)));
    }
}
