package dev.aigateway.core.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A request body the gateway does not read but sends on as it came: a multipart form (an audio
 * file, an image, a file upload) or raw bytes ({@code audio/*}). It is held outside the heap (the
 * server spools it to a file), and every {@link #open()} reads it again from the start, so that
 * retries and fallbacks can resend it. Implementations are immutable and thread-safe.
 */
public interface RawBody {
    /** The content type as the caller sent it, parameters included (a multipart boundary). */
    String contentType();

    /** The body's length in bytes. */
    long length();

    /** A fresh stream over the whole body; the caller closes it. */
    InputStream open() throws IOException;

    /** A body held in memory, for small bodies and embedded use. Do not change {@code bytes} afterwards. */
    static RawBody of(byte[] bytes, String contentType) {
        return new RawBody() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public String toString() {
                return "RawBody[" + contentType + ", " + bytes.length + " bytes]";
            }
        };
    }

    /**
     * A body held in {@code file}, which must stay in place, unchanged, until the call that sends
     * it has been answered; its owner deletes it then.
     */
    static RawBody ofFile(Path file, long length, String contentType) {
        return new RawBody() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public long length() {
                return length;
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public String toString() {
                return "RawBody[" + contentType + ", " + length + " bytes in a file]";
            }
        };
    }
}
