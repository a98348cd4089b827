package dev.aigateway.core.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.provider.EventStreamFrames;
import dev.aigateway.core.stream.SseEvent;
import dev.aigateway.core.testing.TestGateway;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Bedrock stream whose frame fails its CRC midway, through the real gateway: the caller gets
 * what came before, then a stream error event and {@code [DONE]}, never a silent end; one that fails
 * before its first event is a failed request (502), so retry and fallback apply; an error status
 * with {@code x-amzn-errortype} gets the status its type means.
 */
class BedrockStreamFaultTest {
    private static final String FRAMES =
            """
            {"event": "messageStart", "payload": {"role": "assistant"}}
            {"event": "contentBlockDelta", "payload": {"contentBlockIndex": 0, "delta": {"text": "Hello"}}}
            {"event": "contentBlockDelta", "payload": {"contentBlockIndex": 0, "delta": {"text": " world"}}}
            {"event": "messageStop", "payload": {"stopReason": "end_turn"}}
            """;
    private static final String STREAM =
            "{\"model\":\"amazon.nova-lite-v1:0\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    private final TestGateway test = new TestGateway();
    private final MockWebServer bedrock = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        bedrock.start();
    }

    @AfterEach
    void stop() {
        test.close();
        bedrock.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    @Test
    void aFrameFailingItsChecksumMidwayEndsTheStreamWithAnErrorEvent() throws Exception {
        byte[] body = EventStreamFrames.encode(FRAMES);
        int first = ByteBuffer.wrap(body).getInt();
        int second = ByteBuffer.wrap(body, first, 4).getInt();
        body[first + second + 30] ^= 0x20; // inside the third frame's payload
        enqueue(body);

        List<SseEvent> events = events(test.chat(config(), STREAM));

        assertTrue(events.get(1).data().contains("\"content\":\"Hello\""), events.toString());
        SseEvent error = events.get(events.size() - 2);
        assertTrue(
                error.data().contains("stream_error") && error.data().contains("invalid event stream frame"),
                error.data());
        assertEquals("[DONE]", events.get(events.size() - 1).data());
        assertTrue(events.stream().noneMatch(e -> e.data().contains("world")));
    }

    @Test
    void aCorruptFirstFrameIsAFailedRequest() throws Exception {
        byte[] body = EventStreamFrames.encode(FRAMES);
        body[20] ^= 0x01;
        enqueue(body);

        GatewayResponse response = test.chat(config(), STREAM);

        assertEquals(502, response.status());
        assertTrue(TestGateway.text(response).contains("invalid event stream frame"), TestGateway.text(response));
    }

    @Test
    void aModelNotReadyIsA503SoFallbackAndRetryTreatItAsUnavailable() throws Exception {
        bedrock.enqueue(new MockResponse.Builder()
                .code(429)
                .addHeader(
                        "x-amzn-errortype",
                        "ModelNotReadyException:http://internal.amazon.com/coral/com.amazon.bedrock/")
                .body("{\"message\":\"Model is not ready for inference.\"}")
                .build());

        GatewayResponse response = test.chat(
                config(),
                "{\"model\":\"amazon.nova-lite-v1:0\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(503, response.status());
        assertEquals(
                "ModelNotReadyException",
                TestGateway.json(response).at("/error/type").asText());
    }

    private void enqueue(byte[] body) {
        bedrock.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", EventStreamFrames.CONTENT_TYPE)
                .chunkedBody(new Buffer().write(body), 32)
                .build());
    }

    private String config() {
        return "{\"provider\":\"bedrock\",\"aws_access_key_id\":\"AKID\",\"aws_secret_access_key\":\"s\","
                + "\"custom_host\":\"" + bedrock.url("").toString().replaceAll("/$", "") + "\"}";
    }

    private static List<SseEvent> events(GatewayResponse response) throws Exception {
        GatewayResponse.Streaming streaming = assertInstanceOf(GatewayResponse.Streaming.class, response);
        List<SseEvent> events = new ArrayList<>();
        streaming.events().writeTo((name, data) -> events.add(new SseEvent(name, data)));
        return events;
    }
}
