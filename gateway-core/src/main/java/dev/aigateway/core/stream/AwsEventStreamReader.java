package dev.aigateway.core.stream;

import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.IncompleteStreamException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * AWS's binary event stream ({@code application/vnd.amazon.eventstream}, Bedrock's
 * {@code converse-stream} and {@code invoke-with-response-stream}) read one frame at a time. Each
 * frame is a 12-byte prelude (total length, headers length, the prelude's CRC32), headers, a
 * payload and the message's CRC32; AWS's own decoder ({@code Message.decode}) checks both CRCs.
 *
 * <p>An event becomes an {@link SseEvent} named by its {@code :event-type} with the payload as
 * data. An exception AWS sends inside the stream ({@code :message-type} {@code exception}, e.g.
 * {@code throttlingException}) becomes an event named {@code exception} whose data is
 * {@code {"type":<:exception-type>,"message":...}}; an {@code error} message one named {@code
 * error} with {@code :error-code} and {@code :error-message}. A frame that fails its CRC, is
 * larger than {@value #MAX_FRAME_BYTES} bytes or is cut by the end of the body throws
 * {@link IncompleteStreamException}: the caller gets a stream error, never a silent end.
 */
public final class AwsEventStreamReader implements EventReader {
    /** Bedrock's events are small; a length beyond this is a corrupt prelude, not an event. */
    static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private static final int PRELUDE_BYTES = 12;
    private final InputStream body;

    public AwsEventStreamReader(InputStream body) {
        this.body = body;
    }

    @Override
    public SseEvent next() throws IOException {
        byte[] prelude = body.readNBytes(PRELUDE_BYTES);
        if (prelude.length == 0) {
            return null;
        }
        if (prelude.length < PRELUDE_BYTES) {
            throw new IncompleteStreamException("the event stream ended inside a frame's prelude");
        }
        long total = ByteBuffer.wrap(prelude).getInt() & 0xffffffffL;
        if (total < Message.MESSAGE_OVERHEAD || total > MAX_FRAME_BYTES) {
            throw new IncompleteStreamException("invalid event stream frame: a length of " + total + " bytes");
        }
        byte[] frame = new byte[(int) total];
        System.arraycopy(prelude, 0, frame, 0, PRELUDE_BYTES);
        int rest = body.readNBytes(frame, PRELUDE_BYTES, frame.length - PRELUDE_BYTES);
        if (rest < frame.length - PRELUDE_BYTES) {
            throw new IncompleteStreamException("the event stream ended inside a frame");
        }
        Message message;
        try {
            message = Message.decode(ByteBuffer.wrap(frame));
        } catch (RuntimeException e) {
            throw new IncompleteStreamException("invalid event stream frame: " + e.getMessage());
        }
        return event(message);
    }

    private static SseEvent event(Message message) {
        Map<String, HeaderValue> headers = message.getHeaders();
        String type = header(headers, ":message-type", "event");
        String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
        switch (type) {
            case "exception" -> {
                var data = Json.object().put("type", header(headers, ":exception-type", "exception"));
                var parsed = Json.parseOrNull(message.getPayload());
                data.put(
                        "message",
                        parsed != null && parsed.path("message").isTextual()
                                ? parsed.path("message").asText()
                                : payload);
                return new SseEvent("exception", Json.text(data));
            }
            case "error" -> {
                var data = Json.object()
                        .put("type", header(headers, ":error-code", "error"))
                        .put("message", header(headers, ":error-message", ""));
                return new SseEvent("error", Json.text(data));
            }
            default -> {
                return new SseEvent(header(headers, ":event-type", "message"), payload);
            }
        }
    }

    private static String header(Map<String, HeaderValue> headers, String name, String orElse) {
        HeaderValue value = headers.get(name);
        return value == null ? orElse : value.getString();
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
