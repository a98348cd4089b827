package dev.aigateway.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * Writes AWS binary event-stream frames (with their CRCs, by AWS's own encoder) from readable text,
 * so golden cases and fakes can hold Bedrock's streams as JSON lines. Each line is one frame:
 * {@code {"event":"contentBlockDelta","payload":{...}}}, {@code {"exception":"throttlingException",
 * "payload":{"message":"..."}}}, or {@code {"chunk":{...}}} for an Anthropic event wrapped as
 * {@code invoke-with-response-stream} wraps it ({@code {"bytes":"<base64>"}}).
 */
public final class EventStreamFrames {
    public static final String GOLDEN_FILE = "stream.provider.frames.jsonl";
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private EventStreamFrames() {}

    public static byte[] encode(String jsonLines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : jsonLines.split("\n")) {
            if (!line.isBlank()) {
                frame(Json.parse(line)).encode(out);
            }
        }
        return out.toByteArray();
    }

    public static Message frame(JsonNode line) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        JsonNode payload = line.path("payload");
        if (line.has("exception")) {
            headers.put(":message-type", HeaderValue.fromString("exception"));
            headers.put(
                    ":exception-type",
                    HeaderValue.fromString(line.get("exception").asText()));
        } else if (line.has("chunk")) {
            headers.put(":message-type", HeaderValue.fromString("event"));
            headers.put(":event-type", HeaderValue.fromString("chunk"));
            String bytes = Base64.getEncoder()
                    .encodeToString(Json.text(line.get("chunk")).getBytes(StandardCharsets.UTF_8));
            payload = Json.object().put("bytes", bytes);
        } else {
            headers.put(":message-type", HeaderValue.fromString("event"));
            headers.put(":event-type", HeaderValue.fromString(line.path("event").asText()));
        }
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        return new Message(headers, Json.text(payload).getBytes(StandardCharsets.UTF_8));
    }
}
