package dev.aigateway.server;

import dev.aigateway.core.http.RawBody;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A body the gateway sends on unread (a multipart form, audio bytes), written to a temporary file
 * as it arrives so that it never sits whole in the heap, and so that retries and fallbacks can
 * send it again ({@link #rawBody()} reads the file afresh each time). The file is readable by this
 * process's user only and is deleted by {@link #discard()}, which the server calls once the
 * gateway has answered: by then every upstream call has sent the body. Written on one thread.
 */
final class SpooledBody implements BodySink<SpooledBody> {
    private static final Logger LOG = Logger.getLogger(SpooledBody.class.getName());

    private final Path file;
    private final String contentType;
    private OutputStream out;
    private long length;

    private SpooledBody(Path file, String contentType) throws IOException {
        this.file = file;
        this.contentType = contentType;
        this.out = Files.newOutputStream(file);
    }

    /** A new empty spool file in {@code directory} for a body of {@code contentType}. */
    static SpooledBody create(Path directory, String contentType) throws IOException {
        Path file = Files.createTempFile(directory, "aigateway-body-", ".tmp");
        try {
            return new SpooledBody(file, contentType);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    @Override
    public void write(byte[] chunk) throws IOException {
        out.write(chunk);
        length += chunk.length;
    }

    @Override
    public SpooledBody finish() throws IOException {
        out.close();
        out = null;
        return this;
    }

    /** The body, read from the file; valid until {@link #discard()}. */
    RawBody rawBody() {
        return RawBody.ofFile(file, length, contentType);
    }

    /** Deletes the file; safe to call more than once. */
    @Override
    public void discard() {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(
                    Level.WARNING,
                    "could not delete a spooled request body: " + e.getClass().getSimpleName());
        }
    }
}
