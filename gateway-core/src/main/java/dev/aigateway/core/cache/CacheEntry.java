package dev.aigateway.core.cache;

import dev.aigateway.core.stream.SseEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One cached answer: a complete body, or the events of a stream that completed (its end marker
 * left out: the format adds it on replay). Stored as compact bytes, the same in memory and in
 * Redis: a version, the kind, status, expiry, content type, then the body or the events.
 *
 * @param expiresAtMillis when the entry stops being served, by the cache's clock
 */
record CacheEntry(int status, String contentType, long expiresAtMillis, byte[] body, List<SseEvent> events) {
    private static final int VERSION = 1;
    private static final int COMPLETE = 0;
    private static final int STREAM = 1;

    static CacheEntry complete(int status, String contentType, long expiresAtMillis, byte[] body) {
        return new CacheEntry(status, contentType, expiresAtMillis, body, List.of());
    }

    static CacheEntry stream(int status, long expiresAtMillis, List<SseEvent> events) {
        return new CacheEntry(status, "text/event-stream", expiresAtMillis, new byte[0], List.copyOf(events));
    }

    boolean isStream() {
        return !events.isEmpty();
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(isStream() ? STREAM : COMPLETE);
            out.writeShort(status);
            out.writeLong(expiresAtMillis);
            writeText(out, contentType);
            if (isStream()) {
                out.writeInt(events.size());
                for (SseEvent event : events) {
                    out.writeBoolean(event.event() != null);
                    if (event.event() != null) {
                        writeText(out, event.event());
                    }
                    writeText(out, event.data());
                }
            } else {
                out.writeInt(body.length);
                out.write(body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** The entry {@code bytes} hold; empty for bytes of another version or cut short. */
    static Optional<CacheEntry> decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != VERSION) {
                return Optional.empty();
            }
            int kind = in.readByte();
            int status = in.readShort();
            long expiresAt = in.readLong();
            String contentType = readText(in, bytes.length);
            if (kind == STREAM) {
                int count = in.readInt();
                if (count <= 0 || count > bytes.length) {
                    return Optional.empty();
                }
                List<SseEvent> events = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    String name = in.readBoolean() ? readText(in, bytes.length) : null;
                    events.add(new SseEvent(name, readText(in, bytes.length)));
                }
                return Optional.of(stream(status, expiresAt, events));
            }
            return Optional.of(complete(status, contentType, expiresAt, readBytes(in, bytes.length)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in, int limit) throws IOException {
        return new String(readBytes(in, limit), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in, int limit) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > limit) {
            throw new IOException("bad length");
        }
        byte[] read = new byte[length];
        in.readFully(read);
        return read;
    }
}
