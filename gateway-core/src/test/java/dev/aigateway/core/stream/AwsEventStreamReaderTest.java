package dev.aigateway.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.EventStreamFrames;
import dev.aigateway.core.provider.IncompleteStreamException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AwsEventStreamReaderTest {
    private static final String TWO_EVENTS =
            """
            {"event": "messageStart", "payload": {"role": "assistant"}}
            {"event": "contentBlockDelta", "payload": {"contentBlockIndex": 0, "delta": {"text": "Hi"}}}
            """;

    @Test
    void readsEachFrameAsAnEventNamedByItsEventType() throws IOException {
        try (AwsEventStreamReader reader = reader(EventStreamFrames.encode(TWO_EVENTS))) {
            SseEvent first = reader.next();
            assertEquals("messageStart", first.event());
            assertEquals(Json.parse("{\"role\":\"assistant\"}"), first.json());
            assertEquals("Hi", reader.next().json().path("delta").path("text").asText());
            assertNull(reader.next(), "the body's end after a whole frame is the stream's end");
        }
    }

    @Test
    void anExceptionFrameBecomesAnExceptionEventWithItsType() throws IOException {
        byte[] body = EventStreamFrames.encode(
                "{\"exception\": \"throttlingException\", \"payload\": {\"message\": \"Too many requests\"}}");
        try (AwsEventStreamReader reader = reader(body)) {
            SseEvent event = reader.next();
            assertEquals("exception", event.event());
            assertEquals(
                    Json.parse("{\"type\":\"throttlingException\",\"message\":\"Too many requests\"}"), event.json());
        }
    }

    @Test
    void aPayloadByteChangedInTransitFailsTheMessageChecksum() throws IOException {
        byte[] body = EventStreamFrames.encode(TWO_EVENTS);
        int secondFrame = java.nio.ByteBuffer.wrap(body).getInt();
        body[secondFrame + 40] ^= 0x01;

        try (AwsEventStreamReader reader = reader(body)) {
            reader.next();
            IncompleteStreamException e = assertThrows(IncompleteStreamException.class, reader::next);
            assertTrue(e.getMessage().contains("invalid event stream frame"), e.getMessage());
        }
    }

    @Test
    void aCorruptPreludeFailsThePreludeChecksum() throws IOException {
        byte[] body = EventStreamFrames.encode(TWO_EVENTS);
        body[5] ^= 0x01; // the headers length, covered by the prelude's CRC

        try (AwsEventStreamReader reader = reader(body)) {
            assertThrows(IncompleteStreamException.class, reader::next);
        }
    }

    @Test
    void aBodyThatEndsInsideAFrameIsACutNotAnEnd() throws IOException {
        byte[] body = EventStreamFrames.encode(TWO_EVENTS);
        try (AwsEventStreamReader reader = reader(Arrays.copyOf(body, body.length - 3))) {
            reader.next();
            assertThrows(IncompleteStreamException.class, reader::next);
        }
        try (AwsEventStreamReader reader = reader(Arrays.copyOf(body, 7))) {
            assertThrows(IncompleteStreamException.class, reader::next);
        }
    }

    @Test
    void anAbsurdFrameLengthIsRefusedBeforeAnyAllocation() throws IOException {
        byte[] body = EventStreamFrames.encode(TWO_EVENTS);
        body[0] = 0x7f;
        try (AwsEventStreamReader reader = reader(body)) {
            assertThrows(IncompleteStreamException.class, reader::next);
        }
    }

    private static AwsEventStreamReader reader(byte[] body) {
        return new AwsEventStreamReader(new ByteArrayInputStream(body));
    }
}
